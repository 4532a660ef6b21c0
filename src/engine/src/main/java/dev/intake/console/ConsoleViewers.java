package dev.intake.console;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import dev.intake.api.ApiException;
import dev.intake.remote.RemoteTargets;
import dev.intake.security.Caller;

/**
 * Who looks at a console page, for the engine's pages and for those an application module adds: a page is rendered for
 * a {@link Viewer}, and a signed-in user without an import role, or without an organisation, gets the no-access page.
 */
@ApplicationScoped
public class ConsoleViewers {

    @Inject
    Caller caller;

    @Inject
    CsrfToken csrf;

    @Inject
    RemoteTargets targets;

    @Inject
    Instance<ConsoleSection> sections;

    /** Renders a page for the viewer, or the no-access page. */
    public Response page(Function<Viewer, Response> render) {
        Viewer viewer = viewer();
        return viewer == null ? ConsoleResponses.noAccess(caller) : render.apply(viewer);
    }

    /** Runs an action of the console that only import admins may take; others get a 403 that says what is missing. */
    public Response asAdmin(String what, Function<Viewer, Response> action) {
        return page(viewer -> {
            if (!viewer.admin()) {
                throw new ApiException(Response.Status.FORBIDDEN, "forbidden", what + " needs the import-admin role",
                        "Ask an administrator of " + viewer.organisation() + " for the role");
            }
            return action.apply(viewer);
        });
    }

    private Viewer viewer() {
        return Viewer.of(caller, csrf, !targets.names().isEmpty(), sections.stream().toList());
    }
}
