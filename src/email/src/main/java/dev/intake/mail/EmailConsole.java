package dev.intake.mail;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.api.RestErrors;
import dev.intake.console.ConsoleViewers;
import dev.intake.console.Viewer;
import dev.intake.error.InvalidValueException;
import dev.intake.security.Caller;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The console's Email page, for import admins: the organisation's address and its rotation, who may send, the rules
 * that choose a template, and the mail read lately with what became of it. Each form goes through
 * {@link EmailSettings}, as the GraphQL mutations do, and answers the page as it is now. A console page, not the REST
 * API: it is left out of the OpenAPI document.
 */
@Path("/console/email")
@Produces(MediaType.TEXT_HTML)
public class EmailConsole {

    /** How many of the latest messages the page lists. */
    private static final int RECENT = 25;

    @Inject
    ConsoleViewers viewers;

    @Inject
    EmailSettings settings;

    @Inject
    TemplateCatalog templates;

    @Inject
    Caller caller;

    @CheckedTemplate(basePath = "intake/EmailPages")
    static final class Templates {

        private Templates() {
        }

        /**
         * @param settings null when the viewer is no admin ({@code viewer.admin})
         * @param saved what the last change did, shown once; null on a plain visit
         */
        static native TemplateInstance email(Viewer viewer, EmailGraphQLApi.SettingsView settings,
                List<EmailGraphQLApi.MessageView> messages, List<String> templates, String saved);
    }

    @Operation(hidden = true)
    @GET
    public Response page() {
        return viewers.page(viewer -> Response.ok(render(viewer, null)).build());
    }

    @Operation(hidden = true)
    @POST
    @Path("settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@FormParam("allowedSenders") String allowedSenders,
            @FormParam("requireAuthentication") boolean requireAuthentication, @FormParam("replies") boolean replies,
            @FormParam("replyTo") String replyTo) {
        return viewers.asAdmin("Changing the email settings", viewer -> {
            settings.update(viewer.organisation(), viewer.user(), new EmailGraphQLApi.SettingsInput(lines(
                    allowedSenders), requireAuthentication, replies, replyTo));
            return Response.ok(render(viewer, "Settings saved.")).build();
        });
    }

    @Operation(hidden = true)
    @POST
    @Path("rotate")
    public Response rotate() {
        return viewers.asAdmin("Rotating the address", viewer -> {
            settings.rotate(viewer.organisation());
            return Response.ok(render(viewer, "A new address is in use; the previous one works until its grace period"
                    + " ends.")).build();
        });
    }

    @Operation(hidden = true)
    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveRule(@FormParam("id") String id, @FormParam("position") String position,
            @FormParam("filenamePattern") String filenamePattern, @FormParam("subjectPattern") String subjectPattern,
            @FormParam("template") String template, @FormParam("mode") String mode,
            @FormParam("mappingFrom") String mappingFrom) {
        return viewers.asAdmin("Saving a rule", viewer -> {
            settings.saveRule(viewer.organisation(), viewer.user(), caller.roles(), new EmailGraphQLApi.RuleInput(
                    id, position(position), filenamePattern, subjectPattern, template == null ? "" : template,
                    "dry-run".equals(mode), mappingFrom));
            return Response.ok(render(viewer, "Rule saved: its attachments run as you, with the roles you have"
                    + " now.")).build();
        });
    }

    @Operation(hidden = true)
    @POST
    @Path("rules/{id}/delete")
    public Response deleteRule(@PathParam("id") String id) {
        return viewers.asAdmin("Removing a rule", viewer -> {
            settings.deleteRule(viewer.organisation(), id);
            return Response.ok(render(viewer, "Rule removed.")).build();
        });
    }

    private TemplateInstance render(Viewer viewer, String saved) {
        if (!viewer.admin()) {
            return Templates.email(viewer, null, List.of(), List.of(), null);
        }
        return Templates.email(viewer, settings.view(viewer.organisation()), settings.messages(viewer.organisation(),
                RECENT), templates.all(viewer.organisation()).stream().map(ImportTemplate::name).toList(), saved);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n,;]+")).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    private static int position(String text) {
        try {
            return text == null || text.isBlank() ? 1 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("input/position", "'" + text + "' is not a whole"
                    + " number");
        }
    }

    /** Refusals and failures answer Intake's error body, which the page shows. */
    @ServerExceptionMapper
    public Response error(Exception failure) {
        return RestErrors.response(failure);
    }
}
