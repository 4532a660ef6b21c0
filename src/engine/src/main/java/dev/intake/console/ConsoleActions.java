package dev.intake.console;

import java.util.List;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.api.RestErrors;
import dev.intake.api.UploadForm;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowErrorType;
import dev.intake.imports.ImportService;
import dev.intake.processing.UnknownRows;
import dev.intake.webhook.Webhook;
import dev.intake.webhook.WebhookService;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the console changes: an upload from the wizard, and the cancel, start and rollback of a batch. Each goes through
 * {@link ImportService}, as the API's mutations do; {@link CsrfGuard} has checked the request's token first.
 * A success answers the part of the page that shows the batch now; a refusal answers the API's own error body,
 * whose message the page shows.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleActions {

    @Inject
    ImportService imports;

    @Inject
    ConsoleViewers viewers;

    /** One file from the wizard: the same form, checks and limits as {@code POST /imports}. */
    @Inject
    WebhookService webhookService;

    @Inject
    WebhooksPage webhooksPage;

    @Inject
    dev.intake.api.SetResource setResource;

    @POST
    @Path("imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@BeanParam UploadForm form, @Context HttpServerRequest request) {
        return asAdmin("Uploading", viewer -> {
            ImportBatch batch = imports.upload(form.toRequest(request));
            return Response.accepted(Pages.card(viewer, BatchDetail.of(batch))).build();
        });
    }

    /** Uploads several files as one set, each with its template or auto; answers where the set shows. */
    @POST
    @Path("imports/sets")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadSet(@BeanParam dev.intake.api.SetResource.SetForm form, @Context HttpServerRequest request) {
        return asAdmin("Uploading a set", viewer -> {
            String id = setResource.create(form, request);
            return Response.accepted("/console/imports#set-" + id).type(MediaType.TEXT_PLAIN).build();
        });
    }

    @POST
    @Path("imports/{id}/cancel")
    public Response cancel(@PathParam("id") String id, @QueryParam("part") String part) {
        return asAdmin("Cancelling an import", viewer -> answer(viewer, imports.cancel(id), part));
    }

    /** Retries a batch's failed rows, and opens the retry's page. */
    @POST
    @Path("imports/{id}/retry")
    public Response retry(@PathParam("id") String id) {
        return asAdmin("Retrying failed rows", viewer -> {
            ImportBatch child = imports.retryFailedRows(id, java.util.EnumSet.noneOf(RowErrorType.class), false);
            return Response.noContent().header("HX-Redirect", BatchRow.of(child).base()).build();
        });
    }

    @POST
    @Path("imports/{id}/rollback")
    public Response rollback(@PathParam("id") String id, @QueryParam("part") String part) {
        return asAdmin("Rolling back an import", viewer -> answer(viewer, imports.rollback(id, false), part));
    }

    @POST
    @Path("imports/{id}/rollback-check")
    public Response rollbackCheck(@PathParam("id") String id, @QueryParam("part") String part) {
        return asAdmin("Checking a rollback", viewer -> answer(viewer, imports.previewRollback(id, false), part));
    }

    @POST
    @Path("imports/{id}/start")
    public Response start(@PathParam("id") String id, @QueryParam("part") String part) {
        return asAdmin("Starting an import", viewer -> answer(viewer, imports.start(id), part));
    }

    @POST
    @Path("imports/{id}/resume")
    public Response resume(@PathParam("id") String id, @QueryParam("part") String part) {
        return asAdmin("Resuming an import", viewer -> answer(viewer, imports.resume(id), part));
    }

    @POST
    @Path("imports/{id}/unknown-rows/mark-done")
    public Response markUnknownRowsDone(@PathParam("id") String id, @QueryParam("part") String part) {
        return asAdmin("Marking rows done", viewer -> answer(viewer, imports.resolveUnknownRows(id,
                UnknownRows.Action.MARK_DONE, null), part));
    }

    @POST
    @Path("imports/{id}/unknown-rows/send-again")
    public Response sendUnknownRowsAgain(@PathParam("id") String id, @QueryParam("part") String part) {
        return asAdmin("Sending rows again", viewer -> answer(viewer, imports.resolveUnknownRows(id,
                UnknownRows.Action.SEND_AGAIN, null), part));
    }

    /** Reads a target's schema again; the browser then shows the targets page as it is now. */
    @POST
    @Path("targets/{name}/refresh")
    public Response refreshTarget(@PathParam("name") String name) {
        return asAdmin("Refreshing a target", viewer -> {
            imports.refreshTarget(name);
            return Response.ok().header("HX-Redirect", "/console/targets#" + name).build();
        });
    }

    /** Registers a webhook; the answer is the page with the new secret shown once. */
    @POST
    @Path("webhooks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response createWebhook(@FormParam("url") String url, @FormParam("events") List<String> events) {
        return asAdmin("Adding a webhook", viewer -> {
            Webhook webhook = webhookService.create(url == null ? "" : url, events, null);
            return Response.ok(webhooksPage.render(viewer, webhook.id(), webhook.secret())).build();
        });
    }

    /** Gives a webhook a new secret; the answer is the page with it shown once. */
    @POST
    @Path("webhooks/{id}/rotate")
    @Produces(MediaType.TEXT_HTML)
    public Response rotateWebhookSecret(@PathParam("id") String id) {
        return asAdmin("Rotating a webhook's secret", viewer -> {
            Webhook webhook = webhookService.rotate(id, null);
            return Response.ok(webhooksPage.render(viewer, webhook.id(), webhook.secret())).build();
        });
    }

    @POST
    @Path("webhooks/{id}/delete")
    public Response deleteWebhook(@PathParam("id") String id) {
        return asAdmin("Removing a webhook", viewer -> {
            webhookService.delete(id);
            return Response.ok().header("HX-Redirect", "/console/webhooks").build();
        });
    }

    @POST
    @Path("webhooks/deliveries/{id}/send-again")
    public Response sendWebhookDeliveryAgain(@PathParam("id") String id) {
        return asAdmin("Sending a delivery again", viewer -> {
            webhookService.sendAgain(id);
            return Response.ok().header("HX-Redirect", "/console/webhooks").build();
        });
    }

    /** The mapping step's form: the columns mapped as chosen; the browser then goes to the batch's page. */
    @POST
    @Path("imports/{id}/mapping")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response map(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        return asAdmin("Mapping columns", viewer -> {
            ImportBatch batch = imports.mapColumns(id, MappingForm.choices(form), form.containsKey("save"));
            return Response.ok().header("HX-Redirect", BatchRow.of(batch).base()).build();
        });
    }

    /** The part of the page the action came from, showing the batch as it is now. */
    private Response answer(Viewer viewer, ImportBatch batch, String part) {
        return Response.ok(switch (part == null ? "row" : part) {
            case "summary" -> Pages.batch$summary(viewer, BatchDetail.of(batch, imports.rollbackPreview(batch)
                    .orElse(null)));
            case "card" -> Pages.card(viewer, BatchDetail.of(batch));
            default -> Pages.imports$row(viewer, BatchRow.of(batch));
        }).build();
    }

    private Response asAdmin(String what, Function<Viewer, Response> action) {
        return viewers.asAdmin(what, action);
    }

    /** Refusals and failures of these endpoints answer Intake's error body; a host's endpoints keep their own. */
    @ServerExceptionMapper
    public Response error(Exception failure) {
        return RestErrors.response(failure);
    }
}
