package dev.intake.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.intake.batch.BatchCursor;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.RowOutcome;
import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.processing.BatchCancellation;
import dev.intake.processing.BatchStart;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.template.TemplateCatalog;

/**
 * The import API on {@code /graphql}: templates, batches, their failed rows and history, within the caller's
 * organisation.
 */
@GraphQLApi
@RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
public class ImportGraphQLApi {

    private static final int MAX_PAGE = 500;

    @Inject
    TemplateCatalog templates;

    @Inject
    BatchStore batches;

    @Inject
    OutcomeStore outcomes;

    @Inject
    BatchCancellation cancellation;

    @Inject
    BatchStart start;

    @Inject
    Caller caller;

    @Query
    @Description("Every import template: one per mutation that takes an input object")
    public @NonNull List<@NonNull TemplateView> importTemplates() {
        return templates.all(caller.organisation()).stream().map(TemplateView::of).toList();
    }

    @Query
    @Description("One import template by name, such as createContact")
    public TemplateView importTemplate(@NonNull String name) {
        return templates.byName(name, caller.organisation()).map(TemplateView::of).orElse(null);
    }

    @Query
    @NonNull
    @Description("Import batches, newest first")
    public Connections.BatchConnection importBatches(
            @DefaultValue("20") @Description("How many batches, at most 500") int first,
            @Description("The endCursor of the previous page") String after,
            @Description("Only batches with this status") BatchStatus status) {
        int limit = pageSize(first);
        BatchCursor cursor = after == null ? null : decode(after);
        List<ImportBatch> page = batches.findNewestFirst(caller.organisation(), limit + 1, cursor, status);
        List<Connections.BatchEdge> edges = new ArrayList<>();
        for (ImportBatch batch : page.subList(0, Math.min(limit, page.size()))) {
            edges.add(new Connections.BatchEdge(BatchCursor.of(batch).encode(), BatchView.of(batch)));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connections.BatchConnection(edges, new Connections.PageInfo(page.size() > limit, end));
    }

    @Query
    @Description("One import batch by ID")
    public BatchView importBatch(@NonNull @Id String id) {
        return own(id).map(BatchView::of).orElse(null);
    }

    @Mutation
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @Description("Stop a pending or running batch; rows already committed stay and are counted")
    public BatchView cancelImport(@NonNull @Id String id) {
        ImportBatch batch = ownOrNotFound(id);
        cancellation.cancel(batch, caller.user());
        return batches.find(batch.id()).map(BatchView::of).orElseThrow();
    }

    @Mutation
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @Description("Run a READY dry run for real, from the file already uploaded")
    public BatchView startImport(@NonNull @Id String id) {
        ImportBatch batch = ownOrNotFound(id);
        start.start(batch, caller.user());
        return batches.find(batch.id()).map(BatchView::of).orElseThrow();
    }

    @NonNull
    @Description("The batch's status changes, oldest first: who made each and when")
    public List<Connections.@NonNull Event> events(@Source BatchView batch) {
        return batches.events(UUID.fromString(batch.id())).stream().map(Connections.Event::of).toList();
    }

    private ImportBatch ownOrNotFound(String id) {
        return own(id).orElseThrow(() -> new NotFoundException("id", "There is no import batch " + id));
    }

    private Optional<ImportBatch> own(String id) {
        try {
            return batches.findInOrganisation(UUID.fromString(id), caller.organisation());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @NonNull
    @Description("The batch's failed rows, in file order")
    public Connections.FailureConnection failures(@Source BatchView batch,
            @DefaultValue("50") @Description("How many failures, at most 500") int first,
            @Description("The endCursor of the previous page") String after) {
        int limit = pageSize(first);
        long afterRow = after == null ? 0 : rowCursor(after);
        List<RowOutcome> page = outcomes.failures(UUID.fromString(batch.id()), afterRow, limit + 1);
        List<Connections.FailureEdge> edges = new ArrayList<>();
        for (RowOutcome failure : page.subList(0, Math.min(limit, page.size()))) {
            edges.add(new Connections.FailureEdge(Long.toString(failure.rowNumber()), new Connections.Failure(
                    failure.rowNumber(), failure.errorType(), failure.field(), failure.message())));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connections.FailureConnection(edges, new Connections.PageInfo(page.size() > limit, end));
    }

    private static int pageSize(int first) {
        if (first < 0 || first > MAX_PAGE) {
            throw new InvalidValueException("first", "first must be between 0 and " + MAX_PAGE + ", got " + first);
        }
        return first;
    }

    private static BatchCursor decode(String after) {
        try {
            return BatchCursor.decode(after);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("after", e.getMessage());
        }
    }

    private static long rowCursor(String after) {
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("after", "'" + after + "' is not a cursor of this list");
        }
    }
}
