package dev.intake.api;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.ImportedRecord;
import dev.intake.batch.RowAction;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.imports.ImportService;
import dev.intake.imports.Page;
import dev.intake.processing.UnknownRows;
import dev.intake.progress.BatchFeed;
import dev.intake.remote.DeliveryGuarantee;
import dev.intake.remote.RemoteSender;
import dev.intake.security.Caller;
import dev.intake.security.CallerScope;
import dev.intake.security.Roles;
import dev.intake.template.ImportTemplate;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;

/**
 * The import API on {@code /graphql}: templates, batches, their failed rows and history, within the caller's
 * organisation. It translates to and from {@link ImportService}. Each field checks the caller's roles itself
 * ({@link Caller#require}), so that a refusal says why whatever the application's GraphQL settings.
 */
@GraphQLApi
public class ImportGraphQLApi {

    @Inject
    ImportService imports;

    @Inject
    Caller caller;

    @Inject
    Context graphQLContext;

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    RemoteSender sender;

    @Inject
    BatchFeed feed;

    @Query
    @Description("Every import template: one per mutation that takes an input object")
    public @NonNull List<@NonNull TemplateView> importTemplates() {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.templates().stream().map(this::view).toList();
    }

    @Query
    @Description("One import template by name, such as createProduct")
    public TemplateView importTemplate(@NonNull String name) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.template(name).map(this::view).orElse(null);
    }

    private TemplateView view(ImportTemplate template) {
        return TemplateView.of(template, template.target() == null ? DeliveryGuarantee.EXACTLY_ONCE
                : sender.guarantee(template));
    }

    @Query
    @NonNull
    @Description("Import batches, newest first")
    public Connections.BatchConnection importBatches(
            @DefaultValue("20") @Description("How many batches, at most 500") int first,
            @Description("The endCursor of the previous page") String after,
            @Description("Only batches with this status") BatchStatus status,
            @Description("Only batches of this template, such as createProduct") String template) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        Page<ImportBatch> page = imports.batches(first, after, status, template);
        List<Connections.BatchEdge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < page.items().size(); i++) {
            edges.add(new Connections.BatchEdge(page.cursors().get(i), view(page.items().get(i))));
        }
        return new Connections.BatchConnection(edges, new Connections.PageInfo(page.hasNextPage(), page.endCursor()));
    }

    @Query
    @Description("One import batch by ID")
    public BatchView importBatch(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.find(id).map(this::view).orElse(null);
    }

    @Subscription
    @Description("The batch's state now, then again at every status change and at most every half second while its "
            + "rows run, from whichever instance runs them; it completes when only an admin's action can move the "
            + "batch on (it ended, or a dry run is READY)")
    public Multi<@NonNull BatchView> importBatchChanged(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        ImportBatch batch = imports.get(id);
        return asSubscriber(feed.follow(batch, follower()).map(this::view));
    }

    @Subscription
    @Description("Every change of the organisation's batches, of one status when given: new batches, status changes "
            + "and progress, at most every half second per batch")
    public Multi<@NonNull BatchView> importBatchesChanged(BatchStatus status) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return asSubscriber(feed.followAll(follower(), status).map(this::view));
    }

    /**
     * The states resolved as the subscriber: the fields of a state pushed after this request has ended (events,
     * failures) run on the thread that pushes it, and check the subscriber's roles in a request context that lasts as
     * long as the subscription.
     */
    private <T> Multi<T> asSubscriber(Multi<T> states) {
        CallerScope scope = CallerScope.besideCurrentRequest();
        scope.putInto(graphQLContext.unwrap(DataFetchingEnvironment.class).getGraphQlContext());
        return states.onTermination().invoke(scope::close);
    }

    private BatchFeed.Follower follower() {
        RoutingContext request = currentRequest.getCurrent();
        // the WebSocket's HTTP connection, on which every subscription of the socket arrives
        Object connection = request == null ? new Object() : request.request().connection();
        return new BatchFeed.Follower(caller.user(), caller.organisation(), connection);
    }

    @Mutation
    @Description("Roll a finished import back: each row it committed is undone by the mutation its template declares"
            + " (a created record is deleted, an updated one set back to its values before the import), as the"
            + " caller, in the background; a record changed since the import is kept unless force. The batch goes"
            + " ROLLING_BACK, then ROLLED_BACK or PARTIALLY_ROLLED_BACK; rows kept or failed are in the rollback"
            + " results file. With dryRun, nothing is undone: the batch's status stays, and rollbackPreview says what a"
            + " rollback would undo, keep and refuse")
    public BatchView rollbackImport(@NonNull @Id String id,
            @DefaultValue("false") @Description("Undo records changed since the import too") boolean force,
            @DefaultValue("false") @Description("Only find what a rollback would do, writing nothing: each row's record"
                    + " is read and checked, and in the application's own schema its undo runs in a transaction that is"
                    + " rolled back") boolean dryRun) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(dryRun ? imports.previewRollback(id, force) : imports.rollback(id, force));
    }

    @Description("The batch's latest rollback dry run: what a rollback would do with its rows; null when none was"
            + " asked for since its last rollback")
    public RollbackPreviewView rollbackPreview(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.rollbackPreview(imports.get(batch.id())).map(RollbackPreviewView::of).orElse(null);
    }

    @Description("What the batch's rollback did so far; null when it was never rolled back")
    public RollbackView rollback(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.rollback(imports.get(batch.id())).map(RollbackView::of).orElse(null);
    }

    @Description("Why the batch cannot be rolled back (a dry run, rows purged, a template that declares no undo);"
            + " null when it can, once it has finished with committed rows")
    public String rollbackRefusal(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.rollbackRefusal(imports.get(batch.id()));
    }

    @Mutation
    @Description("Retry a finished batch's failed rows once their cause is fixed (the records their lookups name now"
            + " exist, a permission was granted): a child batch of those rows, as they were staged, runs as the caller"
            + " with the parent's mapping and row numbers. Nothing is uploaded again. Rows that failed with PARSE (the"
            + " file's text) or OUTCOME_UNKNOWN (see resolveUnknownRows) are not retried")
    public @NonNull BatchView retryFailedRows(@NonNull @Id String id,
            @Description("Only rows that failed with these error types, such as LOOKUP; all that a retry can change"
                    + " when left out") List<@NonNull RowErrorType> errorTypes,
            @DefaultValue("false") @Description("Only check the rows, committing nothing") boolean dryRun) {
        caller.require(Roles.IMPORT_ADMIN);
        java.util.Set<RowErrorType> types = errorTypes == null || errorTypes.isEmpty()
                ? java.util.EnumSet.noneOf(RowErrorType.class) : java.util.EnumSet.copyOf(errorTypes);
        return view(imports.retryFailedRows(id, types, dryRun));
    }

    @Description("The batch whose failed rows this one retries (a retry, or a corrected exceptions file); null for a"
            + " first import")
    public BatchView parent(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.parent(imports.get(batch.id())).map(this::view).orElse(null);
    }

    @NonNull
    @Description("The batches that retry this one's failed rows, oldest first")
    public List<@NonNull BatchView> children(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.children(imports.get(batch.id())).stream().map(this::view).toList();
    }

    @Description("How many of this batch's failed rows a child (or its own child) has imported since")
    public int resolvedCount(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return Math.toIntExact(imports.resolvedCount(imports.get(batch.id())));
    }

    @Mutation
    @Description("Stop a pending or running batch, or a rollback under way; rows already committed (or undone) stay"
            + " and are counted")
    public BatchView cancelImport(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(imports.cancel(id));
    }

    @Mutation
    @Description("End the pause of a batch whose remote target throttled it, refused its credentials or could not be "
            + "reached: its rows go on now")
    public BatchView resumeImport(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(imports.resume(id));
    }

    @Mutation
    @Description("Decide what became of a finished batch's rows whose outcome is unknown (OUTCOME_UNKNOWN), after "
            + "checking them in the target: SEND_AGAIN runs them again, with their idempotency keys (a row the target "
            + "wrote is written twice unless it honours the key or refuses the duplicate); MARK_DONE counts them as "
            + "imported. All of them, or only the rows given; recorded in the batch's history with who did it")
    public BatchView resolveUnknownRows(@NonNull @Id String id, @NonNull UnknownRows.Action action,
            @Description("Row numbers, from the exceptions file; all unknown rows when left out") List<Long> rows) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(imports.resolveUnknownRows(id, action, rows));
    }

    @Mutation
    @Description("Run a READY dry run for real, from the file already uploaded")
    public BatchView startImport(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(imports.start(id));
    }

    @Mutation
    @Description("Map the columns of a batch waiting in MAPPING to the template's fields; it then goes on to VALIDATING")
    public BatchView mapColumns(@NonNull @Id String id, @NonNull MappingViews.MapColumnsInput input) {
        caller.require(Roles.IMPORT_ADMIN);
        return view(imports.mapColumns(id, input.columns().stream().map(MappingViews.ColumnChoice::toChoice)
                .toList(), Boolean.TRUE.equals(input.save())));
    }

    @Description("How the file's columns map to the template, when its headers were not the template's")
    public MappingViews.BatchMapping mapping(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.mapping(imports.get(batch.id())).map(MappingViews.BatchMapping::of).orElse(null);
    }

    @NonNull
    @Description("The batch's status changes, oldest first: who made each and when")
    public List<Connections.@NonNull Event> events(@Source BatchView batch) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return imports.events(imports.get(batch.id())).stream().map(Connections.Event::of).toList();
    }

    @NonNull
    @Description("The batch's failed rows, in file order")
    public Connections.FailureConnection failures(@Source BatchView batch,
            @DefaultValue("50") @Description("How many failures, at most 500") int first,
            @Description("The endCursor of the previous page") String after) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        Page<RowOutcome> page = imports.failures(imports.get(batch.id()), first, after);
        List<Connections.FailureEdge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < page.items().size(); i++) {
            RowOutcome failure = page.items().get(i);
            edges.add(new Connections.FailureEdge(page.cursors().get(i), new Connections.Failure(
                    failure.rowNumber(), failure.errorType(), failure.field(), failure.message())));
        }
        return new Connections.FailureConnection(edges, new Connections.PageInfo(page.hasNextPage(), page.endCursor()));
    }

    @NonNull
    @Description("The records the batch's rows created or updated, with their row numbers, in file order: to build a"
            + " list of the records of this import. Rows a rollback undid are left out; a dry run wrote none")
    public Connections.ImportedRecordConnection records(@Source BatchView batch,
            @Description("Only records the rows created, or only those they updated") RowAction outcome,
            @DefaultValue("100") @Description("How many records, at most 500") int first,
            @Description("The endCursor of the previous page") String after) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        Page<ImportedRecord> page = imports.records(imports.get(batch.id()), outcome, first, after);
        List<Connections.ImportedRecordEdge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < page.items().size(); i++) {
            ImportedRecord record = page.items().get(i);
            edges.add(new Connections.ImportedRecordEdge(page.cursors().get(i), new Connections.ImportedRecordNode(
                    record.rowNumber(), record.entityId(), record.action())));
        }
        return new Connections.ImportedRecordConnection(edges, new Connections.PageInfo(page.hasNextPage(),
                page.endCursor()));
    }

    private BatchView view(ImportBatch batch) {
        return BatchView.of(batch, imports.offers(batch.template()));
    }
}
