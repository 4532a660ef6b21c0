package dev.intake.retry;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchSource;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkPlan;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.DuplicateActiveBatchException;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.error.ConflictException;
import dev.intake.error.InvalidValueException;
import dev.intake.file.FileLayout;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RoleWarning;
import dev.intake.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Retries a finished batch's failed rows in one step, once their cause is fixed (the missing records imported, a
 * permission granted): a child batch is made of the parent's failed rows as they were staged, with the same row
 * numbers, layout and mapping, and runs as the caller like any batch. Nothing is uploaded again.
 */
@ApplicationScoped
public class FailedRowRetry {

    /** A retry would fail these the same way again: the file's text, or a row a person must check first. */
    private static final Set<RowErrorType> NOT_RETRIED = EnumSet.of(RowErrorType.PARSE, RowErrorType.OUTCOME_UNKNOWN);

    @Inject
    BatchStore batches;

    @Inject
    ChunkStore chunks;

    @Inject
    RetryStore retries;

    @Inject
    TemplateCatalog templates;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<WorkQueued> workQueued;

    /**
     * Makes and queues the child batch of the parent's failed rows of those error types (every type a retry can
     * change when empty); answers it.
     */
    public ImportBatch retry(ImportBatch parent, Set<RowErrorType> types, boolean dryRun, Uploader caller) {
        for (RowErrorType type : types) {
            if (NOT_RETRIED.contains(type)) {
                throw new InvalidValueException("errorTypes", type == RowErrorType.PARSE
                        ? "Rows that failed with PARSE fail the same way again: correct them in the exceptions file and"
                                + " upload it"
                        : "Rows whose outcome is unknown are resolved with resolveUnknownRows, after checking the target");
            }
        }
        ImportTemplate template = templates.byName(parent.template(), parent.organisation())
                .orElseThrow(() -> new ConflictException("id", "Batch " + parent.id() + " was imported with the template "
                        + parent.template() + ", which this server no longer offers"));
        ImportBatch child = child(parent, dryRun, caller);
        try {
            QuarkusTransaction.requiringNew().run(() -> stage(parent, child, template, types));
        } catch (DuplicateActiveBatchException e) {
            throw new ConflictException("id", "Batch " + parent.id() + "'s rows are already being imported"
                    + batches.findActiveWithContent(parent.organisation(), parent.template(), parent.sha256())
                            .map(active -> " by batch " + active).orElse("")
                    + "; wait for it to end, then retry what still failed");
        }
        workQueued.fire(new WorkQueued(child.id()));
        return batches.find(child.id()).orElseThrow();
    }

    private ImportBatch child(ImportBatch parent, boolean dryRun, Uploader caller) {
        return ImportBatch.pending(UUID.randomUUID(),
                new ImportBatch.ReceivedFile(parent.template(), parent.filename(), parent.fileSize(), parent.sha256(),
                        parent.format(), parent.readOptions()),
                BatchSource.RETRY, null, caller, null, dryRun, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .withParent(parent.id());
    }

    private void stage(ImportBatch parent, ImportBatch child, ImportTemplate template, Set<RowErrorType> types) {
        BatchStatus status = batches.lockStatus(parent.id()).orElseThrow();
        String refusal = refusal(parent, status);
        if (refusal != null) {
            throw new ConflictException("id", refusal);
        }
        FileLayout layout = batches.layout(parent.id()).orElseThrow(() -> new ConflictException("id",
                "Batch " + parent.id() + " staged no rows"));
        batches.insert(child);
        batches.copyMapping(parent.id(), child.id());
        List<Long> rows = retries.copyFailedRows(parent.id(), child.id(), types);
        if (rows.isEmpty()) {
            throw new ConflictException("id", "Batch " + parent.id() + " has no failed rows left to retry"
                    + (types.isEmpty() ? "" : " of the types " + types) + ": a child imported them since, or they"
                    + " failed with PARSE or OUTCOME_UNKNOWN, which a retry does not change");
        }
        ChunkPlan plan = new ChunkPlan(config.worker().chunkSize());
        rows.forEach(plan::add);
        String actor = child.createdBy();
        batches.beginStaging(child.id(), null, clock.instant(), actor);
        chunks.insert(child.id(), plan);
        batches.startProcessing(child.id(), layout, rows.size(), RoleWarning.of(child.createdBy(), child.createdByRoles(), template).orElse(null),
                clock.instant(), actor);
    }

    /** Why the batch's failed rows cannot be retried now, or null. */
    static String refusal(ImportBatch parent, BatchStatus status) {
        if (parent.purgedAt() != null) {
            return "Batch " + parent.id() + "'s rows were deleted under the retention rule on " + parent.purgedAt()
                    + "; upload the file again";
        }
        if (parent.dryRun()) {
            return "Batch " + parent.id() + " is a dry run: start it, or upload the corrected file";
        }
        return switch (status) {
            case COMPLETED, PARTIAL_SUCCESS, FAILED, CANCELLED -> null;
            case ROLLING_BACK, ROLLED_BACK, PARTIALLY_ROLLED_BACK -> "Batch " + parent.id() + " was rolled back;"
                    + " upload the file again to import its rows";
            default -> "Batch " + parent.id() + " is " + status + "; its failed rows can be retried once it has ended";
        };
    }
}
