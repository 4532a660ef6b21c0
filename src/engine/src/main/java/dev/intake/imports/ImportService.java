package dev.intake.imports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchCursor;
import dev.intake.batch.BatchEvent;
import dev.intake.batch.BatchNotFoundException;
import dev.intake.batch.BatchSource;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.FileStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.ImportedRecord;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.RowAction;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.error.ConflictException;
import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.file.FileFormat;
import dev.intake.mapping.ColumnMapping;
import dev.intake.mapping.MapColumns;
import dev.intake.mapping.MappingChoice;
import dev.intake.mapping.MappingProposal;
import dev.intake.mapping.MappingStore;
import dev.intake.processing.BatchCancellation;
import dev.intake.processing.BatchStart;
import dev.intake.processing.UnknownRows;
import dev.intake.remote.RemoteTargets;
import dev.intake.remote.TargetStatus;
import dev.intake.report.ReportFiles;
import dev.intake.retry.FailedRowRetry;
import dev.intake.retry.RetryStore;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateCsv;
import dev.intake.template.UnknownTemplateException;
import dev.intake.undo.RollbackReport;
import dev.intake.undo.Rollbacks;
import dev.intake.undo.UndoCounts;
import dev.intake.undo.UndoStore;
import dev.intake.upload.FileIntake;

/**
 * What a caller can do with imports, within the caller's organisation: templates, batches and their pages,
 * upload, start, cancel and the downloads. The GraphQL and REST adapters (and the console) only translate to and
 * from it; another organisation's batch is as if it did not exist.
 */
@RequestScoped
public class ImportService {

    /** The largest page any list gives. */
    public static final int MAX_PAGE = 500;

    /** How many records the records file reads at a time. */
    private static final int RECORDS_PAGE = 5_000;

    @Inject
    Caller caller;

    @Inject
    TemplateCatalog templates;

    @Inject
    BatchStore batches;

    @Inject
    OutcomeStore outcomes;

    @Inject
    FileStore files;

    @Inject
    FileIntake intake;

    @Inject
    BatchCancellation cancellation;

    @Inject
    Rollbacks rollbacks;

    @Inject
    UndoStore undos;

    @Inject
    RollbackReport rollbackReport;

    @Inject
    BatchStart start;

    @Inject
    UnknownRows unknownRows;

    @Inject
    ReportFiles reports;

    @Inject
    IntakeConfig config;

    @Inject
    RemoteTargets targets;

    @Inject
    Event<WorkQueued> workQueued;

    @Inject
    MapColumns mapColumns;

    @Inject
    MappingStore mappings;

    @Inject
    FailedRowRetry retries;

    @Inject
    RetryStore retryRows;

    public List<ImportTemplate> templates() {
        return templates.all(caller.organisation());
    }

    /** Whether the server offers a template of that name; a batch's template may have left the schema since. */
    public boolean offers(String template) {
        return templates.byName(template).isPresent();
    }

    public Optional<ImportTemplate> template(String name) {
        return templates.byName(name, caller.organisation());
    }

    /** A template's CSV file: its four header rows and, with {@code sample}, an example data row. */
    public Download templateFile(String name, boolean sample) {
        ImportTemplate template = template(name)
                .orElseThrow(() -> new UnknownTemplateException(name, templates.closeTo(name), !templates.all().isEmpty()));
        String csv = TemplateCsv.write(template, sample);
        return new Download(name + ".csv", FileFormat.CSV.mediaType(), -1,
                out -> out.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The batch, when it exists in the caller's organisation. */
    public Optional<ImportBatch> find(String id) {
        Optional<UUID> uuid = uuid(id);
        return uuid.isEmpty() ? Optional.empty() : batches.findInOrganisation(uuid.get(), caller.organisation());
    }

    /** The batch; a {@link BatchNotFoundException} when it does not exist in the caller's organisation. */
    public ImportBatch get(String id) {
        return find(id).orElseThrow(() -> new BatchNotFoundException(id));
    }

    /** The organisation's batches, newest first, optionally of one status and of one template. */
    public Page<ImportBatch> batches(int first, String after, BatchStatus status, String template) {
        int limit = pageSize(first);
        BatchCursor cursor = after == null ? null : batchCursor(after);
        return Page.of(batches.findNewestFirst(caller.organisation(), limit + 1, cursor, status, template), limit,
                batch -> BatchCursor.of(batch).encode());
    }

    /** The batch's failed rows in file order. */
    public Page<RowOutcome> failures(ImportBatch batch, int first, String after) {
        int limit = pageSize(first);
        long afterRow = after == null ? 0 : rowCursor(after);
        return Page.of(outcomes.failures(batch.id(), afterRow, limit + 1), limit,
                failure -> Long.toString(failure.rowNumber()));
    }

    /** The records the batch's rows created or updated (of one action when given), by row; undone rows left out. */
    public Page<ImportedRecord> records(ImportBatch batch, RowAction action, int first, String after) {
        int limit = pageSize(first);
        long afterRow = after == null ? 0 : rowCursor(after);
        return Page.of(outcomes.records(batch.id(), action, afterRow, limit + 1), limit,
                record -> Long.toString(record.rowNumber()));
    }

    /** The same records as a CSV file: row number, entity ID and what the row did, for a host's own list. */
    public Download recordsFile(String id, RowAction action) {
        ImportBatch batch = get(id);
        String kind = action == null ? "records" : action.name().toLowerCase(java.util.Locale.ROOT) + "-records";
        return report(batch, kind, out -> {
            org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(
                    new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), TemplateCsv.FORMAT);
            TemplateCsv.printRecord(printer, List.of("Row Number", "Entity ID", "Outcome"));
            long after = 0;
            for (List<ImportedRecord> page = outcomes.records(batch.id(), action, after, RECORDS_PAGE); !page.isEmpty();
                    page = outcomes.records(batch.id(), action, after, RECORDS_PAGE)) {
                for (ImportedRecord record : page) {
                    TemplateCsv.printRecord(printer, List.of(Long.toString(record.rowNumber()), record.entityId(),
                            record.action() == null ? "" : record.action().name()));
                    after = record.rowNumber();
                }
            }
            printer.flush();
        });
    }

    /** The batch's status changes, oldest first. */
    public List<BatchEvent> events(ImportBatch batch) {
        return batches.events(batch.id());
    }

    /** Turns a received file into a pending batch that runs as the caller. */
    public ImportBatch upload(UploadRequest request) {
        Uploader uploader = new Uploader(caller.user(), List.copyOf(caller.roles()), caller.organisation());
        UUID parent = request.parent() == null ? null : parentOf(request);
        return intake.submit(new FileIntake.Submission(request.template(), request.filename(), request.file(),
                request.source(), request.emailRecord(), uploader, request.clientAddress(), request.dryRun(),
                request.reviewMapping(), request.read(), parent));
    }

    /** The batch an upload says it corrects: one of the caller's organisation, of the same template. */
    private UUID parentOf(UploadRequest request) {
        ImportBatch parent = find(request.parent()).orElseThrow(() -> new InvalidValueException("parent",
                "No batch " + request.parent() + " exists in your organisation; give the ID of the batch whose failed"
                        + " rows the file corrects"));
        if (!parent.template().equals(request.template())) {
            throw new InvalidValueException("parent", "Batch " + parent.id() + " was imported with the template "
                    + parent.template() + ", not " + request.template() + "; a corrected file goes to its batch's"
                    + " template");
        }
        return parent.id();
    }

    /**
     * Retries the batch's failed rows as the caller, in a child batch made of them as they were staged (of those
     * error types only, when given); answers the child.
     */
    public ImportBatch retryFailedRows(String id, java.util.Set<RowErrorType> types, boolean dryRun) {
        ImportBatch parent = get(id);
        return retries.retry(parent, types, dryRun, new Uploader(caller.user(), List.copyOf(caller.roles()),
                caller.organisation()));
    }

    /** The batches made to retry this one's failed rows, oldest first. */
    public List<ImportBatch> children(ImportBatch batch) {
        return batches.children(batch.id());
    }

    /** The batch this one retries, when it is a child. */
    public Optional<ImportBatch> parent(ImportBatch batch) {
        return batch.parent() == null ? Optional.empty()
                : batches.findInOrganisation(batch.parent(), caller.organisation());
    }

    /** How many of the batch's failed rows its children imported since. */
    public long resolvedCount(ImportBatch batch) {
        return retryRows.resolvedCount(batch.id());
    }

    /** Runs a READY dry run for real; answers the batch as it is now. */
    public ImportBatch start(String id) {
        ImportBatch batch = get(id);
        start.start(batch, caller.user());
        return batches.find(batch.id()).orElseThrow();
    }

    /** Maps the columns of a batch waiting in MAPPING and sends it on; answers the batch as it is now. */
    public ImportBatch mapColumns(String id, List<MappingChoice> choices, boolean save) {
        ImportBatch batch = get(id);
        mapColumns.map(batch, choices, save, caller.user());
        return batches.find(batch.id()).orElseThrow();
    }

    /** The mapping step's proposal for a batch's columns, and the mapping it runs with, when it has them. */
    public Optional<MappingView> mapping(ImportBatch batch) {
        return mappings.proposal(batch.id()).map(proposal -> new MappingView(proposal,
                mappings.mapping(batch.id()).orElse(null)));
    }

    /** A batch's mapping step: the proposal, and the mapping chosen (null while it waits for a person). */
    public record MappingView(MappingProposal proposal, ColumnMapping chosen) {
    }

    /** Stops a pending or running batch, or a rollback under way; answers the batch as it is now. */
    public ImportBatch cancel(String id) {
        ImportBatch batch = get(id);
        if (batch.status() == BatchStatus.ROLLING_BACK) {
            rollbacks.cancel(batch, caller.user());
        } else {
            cancellation.cancel(batch, caller.user());
        }
        return batches.find(batch.id()).orElseThrow();
    }

    /**
     * Rolls a finished import back as the caller: the rows it committed are undone by the mutation its template
     * declares, in the background. Answers the batch, now ROLLING_BACK.
     */
    public ImportBatch rollback(String id, boolean force) {
        ImportBatch batch = get(id);
        rollbacks.request(batch, new Uploader(caller.user(), List.copyOf(caller.roles()), caller.organisation()), force);
        return batches.find(batch.id()).orElseThrow();
    }

    /**
     * Starts a dry run of the batch's rollback as the caller: what a rollback would undo, keep and refuse, found in the
     * background, writing nothing else. Answers the batch, whose status stays.
     */
    public ImportBatch previewRollback(String id, boolean force) {
        ImportBatch batch = get(id);
        rollbacks.preview(batch, new Uploader(caller.user(), List.copyOf(caller.roles()), caller.organisation()), force);
        return batches.find(batch.id()).orElseThrow();
    }

    /** The batch's latest rollback dry run; empty when none was asked for since its last rollback. */
    public Optional<UndoStore.Preview> rollbackPreview(ImportBatch batch) {
        return undos.preview(batch.id());
    }

    /** The rollback dry run's file: every row a rollback would undo, with what it would do and why. */
    public Download rollbackPreviewResults(String id) {
        ImportBatch batch = withFiles(get(id));
        if (undos.preview(batch.id()).isEmpty()) {
            throw new NotFoundException("id", "Batch " + id + " has no rollback dry run");
        }
        return report(batch, "rollback-preview", out -> rollbackReport.writePreview(batch.id(), out));
    }

    /** Why the batch's imports cannot be rolled back (a dry run, purged rows, no undo declared), or null. */
    public String rollbackRefusal(ImportBatch batch) {
        return rollbacks.refusal(batch);
    }

    /** The rollback results file: every committed row, with what the rollback did with it and why. */
    public Download rollbackResults(String id) {
        ImportBatch batch = withFiles(get(id));
        if (undos.requested(batch.id()).isEmpty()) {
            throw new NotFoundException("id", "Batch " + id + " was never rolled back");
        }
        return report(batch, "rollback", out -> rollbackReport.write(batch.id(), out));
    }

    /** The batch's rollback, who asked for it and how far it got; empty when it was never rolled back. */
    public Optional<RollbackState> rollback(ImportBatch batch) {
        return undos.requested(batch.id()).map(requested -> new RollbackState(requested.admin().user(),
                requested.force(), undos.counts(batch.id())));
    }

    /** A batch's rollback: who asked for it, whether records changed since are undone too, and its counts. */
    public record RollbackState(String by, boolean force, UndoCounts counts) {
    }

    /**
     * Ends the pause of a batch whose remote target throttled, refused or could not be reached: its rows go on now.
     * A batch that is not paused is refused, saying so.
     */
    public ImportBatch resume(String id) {
        ImportBatch batch = get(id);
        if (batch.pause() == null || !batches.resume(batch.id())) {
            throw new ConflictException("id", "Batch " + id + " is not paused; it is "
                    + batch.status());
        }
        workQueued.fire(new WorkQueued(batch.id()));
        return batches.find(batch.id()).orElseThrow();
    }

    /**
     * Sends a finished batch's rows whose outcome is unknown again, or marks them done; only {@code rows} of them when
     * given. Answers the batch as it is now.
     */
    public ImportBatch resolveUnknownRows(String id, UnknownRows.Action action, List<Long> rows) {
        ImportBatch batch = get(id);
        unknownRows.resolve(batch, action, rows, caller.user());
        return batches.find(batch.id()).orElseThrow();
    }

    /** The remote targets the operator configured, with their schema, reachability and overlay; admins only. */
    public List<TargetStatus> targets() {
        caller.require(Roles.IMPORT_ADMIN);
        return targets.statuses();
    }

    /** Reads a target's schema again; admins only. */
    public TargetStatus refreshTarget(String name) {
        caller.require(Roles.IMPORT_ADMIN);
        return targets.refresh(name).orElseThrow(() -> new NotFoundException("name", "No target is named " + name
                + "; the importTargets query lists them"));
    }

    /** The file as it was uploaded. */
    public Download original(String id) {
        ImportBatch batch = withFiles(get(id));
        // a retry stages no file of its own: its file is the one its first ancestor was uploaded with
        while (batch.source() == BatchSource.RETRY && batch.parent() != null) {
            batch = withFiles(batches.find(batch.parent()).orElseThrow());
        }
        ImportBatch uploaded = batch;
        return new Download(uploaded.filename(), uploaded.format().mediaType(), uploaded.fileSize(), out -> {
            try (var in = files.open(uploaded.id())) {
                in.transferTo(out);
            }
        });
    }

    /** The template's header rows, then the failed rows with their errors. */
    public Download exceptions(String id) {
        ImportBatch batch = withFiles(get(id));
        return report(batch, "exceptions", out -> reports.writeExceptions(batch, out));
    }

    /** The template's header rows, then every row with its outcome. */
    public Download results(String id) {
        ImportBatch batch = withFiles(get(id));
        return report(batch, "results", out -> reports.writeResults(batch, out));
    }

    /** The exceptions file as an Excel workbook, the failed cells highlighted. */
    public Download exceptionsXlsx(String id) {
        ImportBatch batch = withFiles(get(id));
        String name = baseName(batch) + "-exceptions.xlsx";
        return new Download(name, FileFormat.XLSX.mediaType(), -1,
                out -> reports.writeExceptionsXlsx(batch, out));
    }

    /** Every row's outcome, one JSON object per line. */
    public Download resultsNdjson(String id) {
        ImportBatch batch = withFiles(get(id));
        String name = baseName(batch) + "-results.ndjson";
        return new Download(name, FileFormat.NDJSON.mediaType(), -1,
                out -> reports.writeResultsNdjson(batch, out));
    }

    private static Download report(ImportBatch batch, String kind, Download.Body body) {
        String name = baseName(batch) + "-" + kind + ".csv";
        return new Download(name, FileFormat.CSV.mediaType(), -1, body);
    }

    /** The uploaded file's name without the extension of a format Intake reads, for the names of its reports. */
    private static String baseName(ImportBatch batch) {
        return batch.filename().replaceFirst("(?i)\\.(csv|tsv|ndjson|jsonl|xlsx|xlsm)$", "");
    }

    private ImportBatch withFiles(ImportBatch batch) {
        if (batch.purgedAt() != null) {
            throw new BatchPurgedException(batch.id(), batch.purgedAt(), config.retention().days());
        }
        return batch;
    }

    private static Optional<UUID> uuid(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int pageSize(int first) {
        if (first < 0 || first > MAX_PAGE) {
            throw new InvalidValueException("first", "first must be between 0 and " + MAX_PAGE + ", got " + first);
        }
        return first;
    }

    private static BatchCursor batchCursor(String after) {
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
