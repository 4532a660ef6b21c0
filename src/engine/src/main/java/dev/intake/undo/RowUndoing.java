package dev.intake.undo;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.RunSettings;
import dev.intake.config.IntakeConfig;
import dev.intake.db.NewTransaction;
import dev.intake.remote.RemoteSender;
import dev.intake.target.ErrorClassifier;
import dev.intake.target.RowExecutor;
import dev.intake.target.RowFailure;
import dev.intake.target.RowResult;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.Undo;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Undoes a claimed chunk of a rollback, row after row, each in a transaction of its own: the undo mutation runs as the
 * admin who asked for the rollback, and the row's result is written in the same transaction, so a row is undone once
 * whatever dies on the way; a chunk taken over after a crash goes on with the rows that have no result. Before it
 * runs, the record is read again where the import kept its images, and {@link RowPlan} decides: a record gone or
 * changed since is KEPT without running anything. A row whose undo mutation fails is written in a transaction of its
 * own, as KEPT (the record is gone already, or other records refer to it) or FAILED. A remote target's rows are undone
 * through its API, as the admin, in the same way; there the row's result is written after the target answered, so a
 * worker that dies in between leaves the row to be undone again (a delete then finds the record gone, and keeps it).
 */
@ApplicationScoped
public class RowUndoing {

    private static final Logger LOG = Logger.getLogger(RowUndoing.class);

    @Inject
    UndoStore undos;

    @Inject
    BatchStore batches;

    @Inject
    TemplateCatalog templates;

    @Inject
    RowExecutor executor;

    @Inject
    ErrorClassifier errors;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Inject
    NewTransaction transaction;

    @Inject
    ImageStore images;

    @Inject
    RemoteSender remote;

    /**
     * What one row came to: a result to record, or the failure of its undo mutation (recorded once its transaction
     * rolled back), or the chunk's lease lost.
     */
    private record Outcome(UndoResult result, String reason, RowFailure failure, boolean leaseLost) {

        static final Outcome LEASE_LOST = new Outcome(null, null, null, true);

        static Outcome of(UndoResult result, String reason) {
            return new Outcome(result, reason, null, false);
        }

        static Outcome failed(RowFailure failure) {
            return new Outcome(null, null, failure, false);
        }
    }

    /**
     * Undoes the chunk's rows to the end, unless its lease is lost to another worker or the rollback is cancelled. In
     * a dry run, each row's undo runs in a transaction that is rolled back (in-process), or is not sent (a remote
     * target), and what a rollback would do is recorded instead.
     */
    public void process(UndoChunk chunk, String owner) {
        RunSettings batch = batches.runSettings(chunk.batchId()).orElseThrow();
        UndoStore.Requested requested = (chunk.dryRun() ? undos.previewRequested(chunk.batchId())
                : undos.requested(chunk.batchId())).orElseThrow(() -> new IllegalStateException("Batch "
                        + chunk.batchId() + " is rolling back, but no one asked for it"));
        java.util.Optional<ImportTemplate> template = templates.byName(batch.template());
        Undo undo = template.map(ImportTemplate::undo).orElse(Undo.refused("The template " + batch.template()
                + " is no longer offered, so its rows cannot be undone"));
        String target = template.map(ImportTemplate::target).orElse(null);
        List<UndoStore.CommittedRow> rows = QuarkusTransaction.requiringNew().call(() -> undos.rowsToUndo(chunk));
        try (RowSession session = target == null ? executor.open(requested.admin())
                : remote.session(target, requested.admin())) {
            for (UndoStore.CommittedRow row : rows) {
                Outcome outcome = transaction.run(() -> {
                    Outcome decided = decide(chunk, owner, undo, requested.force(), session, row, target != null);
                    if (!chunk.dryRun() && decided.result() != null) {
                        // the row's result commits with its undo
                        undos.record(chunk, row.rowNumber(), decided.result(), decided.reason(), clock.instant());
                        return NewTransaction.Ending.commit(decided);
                    }
                    return NewTransaction.Ending.rollBack(decided);
                });
                boolean held = !outcome.leaseLost() && (!chunk.dryRun() && outcome.result() != null
                        || QuarkusTransaction.requiringNew().call(() -> recordApart(chunk, owner, row, outcome)));
                if (!held) {
                    LOG.infof("Rollback chunk %d of batch %s was taken over by another worker, or the rollback stopped;"
                            + " leaving it", chunk.id(), chunk.batchId());
                    return;
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> undos.markDone(chunk, clock.instant(), owner));
    }

    private Outcome decide(UndoChunk chunk, String owner, Undo undo, boolean force, RowSession session,
            UndoStore.CommittedRow row, boolean remoteTarget) {
        if (!undos.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
            return Outcome.LEASE_LOST;
        }
        String refusal = refusal(undo, row);
        if (refusal != null) {
            return Outcome.of(UndoResult.FAILED, refusal);
        }
        RowImage image = undo.reading().isPresent() || undo.needsInput() ? images.find(chunk.batchId(),
                row.rowNumber()).orElse(null) : null;
        boolean read = image != null && image.after() != null;
        Map<String, Object> current = read ? new RecordImages(undo, session, 1).read(Map.of(row.rowNumber(),
                row.entityId())).get(row.rowNumber()) : null;
        RowPlan plan = RowPlan.of(undo, row, image, current, read, force);
        if (!plan.runs()) {
            return Outcome.of(plan.result(), plan.reason());
        }
        Undo.Mutation mutation = undo.forAction(row.action()).orElseThrow();
        if (chunk.dryRun() && remoteTarget) {
            return Outcome.of(UndoResult.UNDONE, "Row " + row.rowNumber() + ", record " + row.entityId() + ": "
                    + mutation.name() + " would run; a dry run on a remote target reads the record but sends no undo,"
                    + " so the target's own refusals show only in a rollback");
        }
        RowResult result = session.run(template(mutation), plan.variables());
        if (result.ok()) {
            boolean whole = plan.notRestored().isEmpty();
            return Outcome.of(whole ? UndoResult.UNDONE : UndoResult.KEPT, whole ? null : "Row " + row.rowNumber()
                    + ", record " + row.entityId() + ": restored, but " + RowPlan.notRestoredText(plan.notRestored()));
        }
        return Outcome.failed(result.failure() != null ? result.failure() : errors.classify(result.errors()));
    }

    /** Why the row cannot be undone before its undo mutation runs, or null. */
    private static String refusal(Undo undo, UndoStore.CommittedRow row) {
        if (!undo.possible()) {
            return undo.refusal();
        }
        if (row.entityId() == null) {
            return "Row " + row.rowNumber() + " recorded no ID of the record it wrote, so it cannot be found";
        }
        if (undo.forAction(row.action()).isEmpty()) {
            return "Row " + row.rowNumber() + ("UPDATED".equals(row.action()) ? " updated record " + row.entityId()
                    + "; the template's undo, " + undo.mutation().orElseThrow() + ", deletes what rows created and"
                    + " declares no update that restores one (@importAction(restore: ...))" : " created record "
                    + row.entityId() + "; the template's undo, " + undo.mutation().orElseThrow() + ", restores updated"
                    + " records and declares no delete");
        }
        return null;
    }

    /**
     * Records, in a transaction of its own, a row whose undo failed (its own transaction rolled back), or a dry run's
     * row; false when the chunk's lease was lost.
     */
    private boolean recordApart(UndoChunk chunk, String owner, UndoStore.CommittedRow row, Outcome outcome) {
        if (!undos.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
            return false;
        }
        if (outcome.failure() == null) {
            undos.record(chunk, row.rowNumber(), outcome.result(), outcome.reason(), clock.instant());
            return true;
        }
        RowFailure failure = outcome.failure();
        UndoResult result = failure.type() == RowErrorType.NOT_FOUND || failure.type() == RowErrorType.CONFLICT
                ? UndoResult.KEPT : UndoResult.FAILED;
        String why = switch (failure.type()) {
            case NOT_FOUND -> "it no longer exists: " + failure.detail();
            case CONFLICT -> "it was kept: " + failure.detail();
            case PERMISSION -> "the admin who asked for the rollback may not undo it: " + failure.detail();
            default -> "its undo failed: " + failure.detail();
        };
        undos.record(chunk, row.rowNumber(), result, "Row " + row.rowNumber() + ", record " + row.entityId() + ": "
                + why, clock.instant());
        return true;
    }

    /** The undo mutation as a template of no column, which the row executors run as they run an import's rows. */
    private static ImportTemplate template(Undo.Mutation mutation) {
        return new ImportTemplate(mutation.name(), "", "undo", "", List.of(), mutation.operation(), null, null);
    }
}
