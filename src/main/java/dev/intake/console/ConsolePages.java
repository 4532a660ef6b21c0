package dev.intake.console;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.intake.api.Downloads;
import dev.intake.batch.BatchEvent;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowOutcome;
import dev.intake.imports.ImportService;
import dev.intake.imports.Page;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.template.ImportTemplate;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The web console's pages, under {@code /console}: thin handlers that call {@link ImportService}, as the GraphQL
 * and REST adapters do, and render Qute templates. Sign-in is the OpenID Connect code flow of the {@code console}
 * tenant; a signed-in user without an import role gets the no-access page.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    private static final int PAGE_SIZE = 25;
    private static final int FAILURES_PAGE = 50;

    @Inject
    ImportService imports;

    @Inject
    Caller caller;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance imports(Viewer viewer, List<BatchRow> rows, String status, List<StatusOption> statuses,
                String nextCursor);

        static native TemplateInstance imports$row(BatchRow row);

        static native TemplateInstance noAccess(Viewer viewer);

        static native TemplateInstance signedOut();

        static native TemplateInstance batch(Viewer viewer, BatchDetail batch, List<RowOutcome> failures,
                String nextFailures, List<BatchEvent> events);

        static native TemplateInstance batch$summary(BatchDetail batch);

        static native TemplateInstance notFound(Viewer viewer, String id);

        static native TemplateInstance templates(Viewer viewer, List<ImportTemplate> templates);
    }

    /** Who is looking, and what they may do: the page shows actions they may not use as disabled. */
    public record Viewer(String user, String organisation, boolean admin) {
    }

    /** A choice of the status filter. */
    public record StatusOption(String value, String label, boolean selected) {
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/console/imports")).build();
    }

    @GET
    @Path("imports")
    public Response imports(@QueryParam("status") String status, @QueryParam("after") String after) {
        Viewer viewer = viewer();
        if (viewer == null) {
            return noAccess();
        }
        BatchStatus filter = statusFilter(status);
        Page<ImportBatch> page = imports.batches(PAGE_SIZE, after, filter);
        List<BatchRow> rows = page.items().stream().map(BatchRow::of).toList();
        List<StatusOption> statuses = java.util.Arrays.stream(BatchStatus.values())
                .map(option -> new StatusOption(option.name(), BatchRow.word(option), option == filter)).toList();
        return Response.ok(Templates.imports(viewer, rows, filter == null ? "" : filter.name(), statuses,
                page.hasNextPage() ? page.endCursor() : null)).build();
    }

    /** Everything about one batch: its fields, its failed rows a page at a time, its history and its files. */
    @GET
    @Path("imports/{id}")
    public Response batch(@PathParam("id") String id, @QueryParam("after") String after) {
        Viewer viewer = viewer();
        if (viewer == null) {
            return noAccess();
        }
        return imports.find(id).map(batch -> {
            Page<RowOutcome> failures = imports.failures(batch, FAILURES_PAGE, after);
            return Response.ok(Templates.batch(viewer, BatchDetail.of(batch), failures.items(),
                    failures.hasNextPage() ? failures.endCursor() : null, imports.events(batch))).build();
        }).orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Templates.notFound(viewer, id)).build());
    }

    /** The summary of a batch, for the detail page's part that polls itself while the batch runs. */
    @GET
    @Path("imports/{id}/summary")
    public Response summary(@PathParam("id") String id) {
        if (viewer() == null) {
            return noAccess();
        }
        return imports.find(id).map(batch -> Response.ok(Templates.batch$summary(BatchDetail.of(batch))).build())
                .orElse(Response.status(Response.Status.NOT_FOUND).build());
    }

    @GET
    @Path("imports/{id}/original")
    public Response original(@PathParam("id") String id) {
        return viewer() == null ? noAccess() : Downloads.send(imports.original(id));
    }

    @GET
    @Path("imports/{id}/exceptions.csv")
    public Response exceptions(@PathParam("id") String id) {
        return viewer() == null ? noAccess() : Downloads.send(imports.exceptions(id));
    }

    @GET
    @Path("imports/{id}/results.csv")
    public Response results(@PathParam("id") String id) {
        return viewer() == null ? noAccess() : Downloads.send(imports.results(id));
    }

    /** Every template with its columns, and its downloads. */
    @GET
    @Path("templates")
    public Response templates() {
        Viewer viewer = viewer();
        return viewer == null ? noAccess() : Response.ok(Templates.templates(viewer, imports.templates())).build();
    }

    @GET
    @Path("templates/{name}.csv")
    public Response templateFile(@PathParam("name") String name, @QueryParam("sample") boolean sample) {
        return viewer() == null ? noAccess() : Downloads.send(imports.templateFile(name, sample));
    }

    /** Where signing out ends; open to anyone. */
    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }

    /** One row of the import history, for a row that polls itself while its batch runs. */
    @GET
    @Path("imports/{id}/row")
    public Response row(@PathParam("id") String id) {
        if (viewer() == null) {
            return noAccess();
        }
        return imports.find(id).map(batch -> Response.ok(Templates.imports$row(BatchRow.of(batch))).build())
                .orElse(Response.status(Response.Status.NOT_FOUND).build());
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

    private Response noAccess() {
        return Response.status(Response.Status.FORBIDDEN).entity(Templates.noAccess(
                new Viewer(caller.user(), null, false))).build();
    }

    /** The signed-in user when they may see imports; {@code null} when they have neither import role. */
    private Viewer viewer() {
        Set<String> roles = caller.roles();
        if (!roles.contains(Roles.IMPORT_ADMIN) && !roles.contains(Roles.IMPORT_VIEWER)) {
            return null;
        }
        return new Viewer(caller.user(), caller.organisation(), roles.contains(Roles.IMPORT_ADMIN));
    }
}
