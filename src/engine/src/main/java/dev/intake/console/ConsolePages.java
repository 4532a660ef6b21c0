package dev.intake.console;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.api.Downloads;
import dev.intake.api.RestErrors;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowOutcome;
import dev.intake.imports.ImportService;
import dev.intake.imports.Page;
import dev.intake.template.ImportTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The web console's pages, under {@code /console}: thin handlers that call {@link ImportService}, as the GraphQL
 * and REST adapters do, and render {@link Pages}. Sign-in is the OpenID Connect code flow of the {@code console}
 * tenant; a signed-in user without an import role gets the no-access page. What changes state is in
 * {@link ConsoleActions}.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    /** How many of the latest import sets the Imports page shows above the batches. */
    private static final int RECENT_SETS = 10;

    private static final int PAGE_SIZE = 25;
    private static final int FAILURES_PAGE = 50;

    @Inject
    ImportService imports;

    @Inject
    dev.intake.sets.ImportSets sets;

    @Inject
    ConsoleViewers viewers;

    @Inject
    WebhooksPage webhooksPage;

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/console/imports")).build();
    }

    /** The import history: the organisation's batches, newest first, a page at a time, filtered. */
    @GET
    @Path("imports")
    public Response imports(@QueryParam("status") String status, @QueryParam("template") String template,
            @QueryParam("after") String after) {
        return page(viewer -> {
            BatchStatus statusFilter = statusFilter(status);
            List<String> names = imports.templates().stream().map(ImportTemplate::name).toList();
            String templateFilter = names.contains(template) ? template : null;
            Page<ImportBatch> page = imports.batches(PAGE_SIZE, after, statusFilter, templateFilter);
            Pages.Filters filters = new Pages.Filters(statusFilter == null ? "" : statusFilter.name(),
                    templateFilter == null ? "" : templateFilter,
                    Arrays.stream(BatchStatus.values()).map(option -> new Pages.Option(option.name(),
                            BatchRow.word(option), option == statusFilter)).toList(),
                    names.stream().map(name -> new Pages.Option(name, name, name.equals(templateFilter))).toList());
            List<SetRow> recentSets = after == null && !filters.any()
                    ? sets.page(RECENT_SETS, null).items().stream().map(SetRow::of).toList()
                    : List.of();
            return Response.ok(Pages.imports(viewer, page.items().stream().map(BatchRow::of).toList(), filters,
                    page.hasNextPage() ? page.endCursor() : null, recentSets)).build();
        });
    }

    /** The bulk import wizard: choose a template, download it, upload files, watch them run. */
    @GET
    @Path("imports/new")
    public Response wizard(@QueryParam("template") String template) {
        return page(viewer -> Response.ok(Pages.wizard(viewer, imports.templates(), template == null ? "" : template))
                .build());
    }

    /** Everything about one batch: its fields, its failed rows a page at a time, its history and its files. */
    @GET
    @Path("imports/{id}")
    public Response batch(@PathParam("id") String id, @QueryParam("after") String after) {
        return page(viewer -> imports.find(id).map(batch -> {
            Page<RowOutcome> failures = imports.failures(batch, FAILURES_PAGE, after);
            return Response.ok(Pages.batch(viewer, BatchDetail.of(batch, imports.rollbackPreview(batch).orElse(null)),
                    failures.items(),
                    failures.hasNextPage() ? failures.endCursor() : null, imports.events(batch),
                    imports.offers(batch.template()), BatchFamily.of(batch, imports.parent(batch).orElse(null),
                            imports.children(batch), imports.resolvedCount(batch)),
                    MappingSheet.of(imports.mapping(batch).orElse(null), imports.template(batch.template())
                            .orElse(null)))).build();
        }).orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Pages.notFound(viewer, id)).build()));
    }

    /** The mapping step of a batch whose file's columns are not the template's. */
    @GET
    @Path("imports/{id}/mapping")
    public Response mapping(@PathParam("id") String id) {
        return page(viewer -> imports.find(id).flatMap(batch -> imports.mapping(batch).flatMap(view -> imports
                .template(batch.template()).map(template -> Response.ok(Pages.mapping(viewer, BatchDetail.of(batch),
                        MappingForm.of(view, template))).build())))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Pages.notFound(viewer, id)).build()));
    }

    /** The summary of a batch, for the detail page's part that polls itself while the batch runs. */
    @GET
    @Path("imports/{id}/summary")
    public Response summary(@PathParam("id") String id) {
        return page(viewer -> imports.find(id).map(batch -> {
            BatchDetail detail = BatchDetail.of(batch, imports.rollbackPreview(batch).orElse(null));
            Response.ResponseBuilder summary = Response.ok(Pages.batch$summary(viewer, detail));
            // Only a running batch's page asks, or one whose rollback check runs; once a batch has ended, the whole
            // page reloads to show its failed rows and history too.
            return (batch.status().isActive() || detail.previewRunning() ? summary
                    : summary.header("HX-Refresh", "true")).build();
        }).orElse(Response.status(Response.Status.NOT_FOUND).build()));
    }

    /** One row of the import history, for a row that polls itself while its batch runs. */
    @GET
    @Path("imports/{id}/row")
    public Response row(@PathParam("id") String id) {
        return part(id, (viewer, batch) -> Pages.imports$row(viewer, BatchRow.of(batch)));
    }

    /** One file's card in the wizard, which polls itself while its batch runs. */
    @GET
    @Path("imports/{id}/card")
    public Response card(@PathParam("id") String id) {
        return part(id, (viewer, batch) -> Pages.card(viewer, BatchDetail.of(batch)));
    }

    @GET
    @Path("imports/{id}/original")
    public Response original(@PathParam("id") String id) {
        return page(viewer -> Downloads.send(imports.original(id)));
    }

    @GET
    @Path("imports/{id}/exceptions.csv")
    public Response exceptions(@PathParam("id") String id) {
        return page(viewer -> Downloads.send(imports.exceptions(id)));
    }

    @GET
    @Path("imports/{id}/exceptions.xlsx")
    public Response exceptionsXlsx(@PathParam("id") String id) {
        return page(viewer -> Downloads.send(imports.exceptionsXlsx(id)));
    }

    @GET
    @Path("imports/{id}/results.csv")
    public Response results(@PathParam("id") String id) {
        return page(viewer -> Downloads.send(imports.results(id)));
    }

    @GET
    @Path("imports/{id}/records.csv")
    public Response records(@PathParam("id") String id) {
        return page(viewer -> Downloads.send(imports.recordsFile(id, null)));
    }

    @GET
    @Path("imports/{id}/rollback.csv")
    public Response rollbackResults(@PathParam("id") String id) {
        return page(viewer -> Downloads.send(imports.rollbackResults(id)));
    }

    @GET
    @Path("imports/{id}/rollback-check.csv")
    public Response rollbackCheck(@PathParam("id") String id) {
        return page(viewer -> Downloads.send(imports.rollbackPreviewResults(id)));
    }

    /** Every template with its columns, and its downloads. */
    @GET
    @Path("templates")
    public Response templates() {
        return page(viewer -> Response.ok(Pages.templates(viewer, Pages.TemplateGroup.of(imports.templates()))).build());
    }

    /** The remote targets, for admins: each one's schema, whether it answers, its overlay's errors, and a refresh. */
    @GET
    @Path("targets")
    public Response targets() {
        return page(viewer -> Response.ok(Pages.targets(viewer, viewer.admin() ? imports.targets() : List.of()))
                .build());
    }

    /** The organisation's webhooks, for admins: each one's events and recent deliveries with their answers. */
    @GET
    @Path("webhooks")
    public Response webhooks() {
        return page(viewer -> Response.ok(webhooksPage.render(viewer, null, null)).build());
    }

    @GET
    @Path("templates/{name}.csv")
    public Response templateFile(@PathParam("name") String name, @QueryParam("sample") boolean sample) {
        return page(viewer -> Downloads.send(imports.templateFile(name, sample)));
    }

    /** Where signing out ends; open to anyone. */
    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return Pages.signedOut();
    }

    /** The status a filter names; none (all batches) for a blank or unknown one, as a hand-edited URL may have. */
    private static BatchStatus statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return BatchStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Response page(Function<Viewer, Response> render) {
        return viewers.page(render);
    }

    private Response part(String id, ConsoleResponses.Part part) {
        return page(viewer -> ConsoleResponses.part(imports.find(id), viewer, part));
    }

    /** Refusals and failures of these endpoints answer Intake's error body; a host's endpoints keep their own. */
    @ServerExceptionMapper
    public Response error(Exception failure) {
        return RestErrors.response(failure);
    }
}
