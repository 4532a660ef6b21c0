package dev.intake.console;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import dev.intake.batch.ImportBatch;
import dev.intake.security.Caller;
import io.quarkus.qute.TemplateInstance;

/** The answers console handlers share: the no-access page, and a part of a page for one batch. */
final class ConsoleResponses {

    private ConsoleResponses() {
    }

    /** A part of a page that shows one batch, such as its row in the history. */
    interface Part {
        TemplateInstance render(Viewer viewer, ImportBatch batch);
    }

    static Response noAccess(Caller caller) {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(Pages.noAccess(new Viewer(caller.user(), null, false, null, false, List.of()), Viewer.hasImportRole(caller)))
                .build();
    }

    static Response part(Optional<ImportBatch> batch, Viewer viewer, Part part) {
        return batch.map(found -> Response.ok(part.render(viewer, found)).build())
                .orElse(Response.status(Response.Status.NOT_FOUND).build());
    }
}
