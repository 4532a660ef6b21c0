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
 * own, as KEPT (the record is gone already, or other records refer to it) or FAILED.
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

    /** What one row's transaction came to. */
    private enum Step {
        RECORDED, FAILED, LEASE_LOST
    }

    /** Undoes the chunk's rows to the end, unless its lease is lost to another worker or the rollback is cancelled. */
    public void process(UndoChunk chunk, String owner) {
        RunSettings batch = batches.runSettings(chunk.batchId()).orElseThrow();
        UndoStore.Requested requested = undos.requested(chunk.batchId()).orElseThrow(() -> new IllegalStateException(
                "Batch " + chunk.batchId() + " is rolling back, but no one asked for it"));
        Undo undo = templates.byName(batch.template()).map(ImportTemplate::undo).orElse(Undo.refused("The template "
                + batch.template() + " is no longer offered, so its rows cannot be undone"));
        List<UndoStore.CommittedRow> rows = QuarkusTransaction.requiringNew().call(() -> undos.rowsToUndo(chunk));
        try (RowSession session = executor.open(requested.admin())) {
            for (UndoStore.CommittedRow row : rows) {
                RowFailure[] failure = new RowFailure[1];
                Step step = transaction.run(() -> {
                    Step done = undo(chunk, owner, undo, requested.force(), session, row, failure);
                    return done == Step.RECORDED ? NewTransaction.Ending.commit(done)
                            : NewTransaction.Ending.rollBack(done);
                });
                if (step == Step.FAILED) {
                    step = QuarkusTransaction.requiringNew().call(() -> recordFailure(chunk, owner, row, failure[0]));
                }
                if (step == Step.LEASE_LOST) {
                    LOG.infof("Rollback chunk %d of batch %s was taken over by another worker, or the rollback stopped;"
                            + " leaving it", chunk.id(), chunk.batchId());
                    return;
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> undos.markDone(chunk, clock.instant(), owner));
    }

    private Step undo(UndoChunk chunk, String owner, Undo undo, boolean force, RowSession session,
            UndoStore.CommittedRow row, RowFailure[] failure) {
        if (!undos.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
            return Step.LEASE_LOST;
        }
        String refusal = refusal(undo, row);
        if (refusal != null) {
            undos.record(chunk.batchId(), row.rowNumber(), UndoResult.FAILED, refusal, clock.instant());
            return Step.RECORDED;
        }
        RowImage image = undo.reading().isPresent() ? images.find(chunk.batchId(), row.rowNumber()).orElse(null) : null;
        boolean read = image != null && image.after() != null;
        Map<String, Object> current = read ? new RecordImages(undo, session, 1).read(Map.of(row.rowNumber(),
                row.entityId())).get(row.rowNumber()) : null;
        RowPlan plan = RowPlan.of(undo, row, image, current, read, force);
        if (!plan.runs()) {
            undos.record(chunk.batchId(), row.rowNumber(), plan.result(), plan.reason(), clock.instant());
            return Step.RECORDED;
        }
        RowResult result = session.run(template(undo.forAction(row.action()).orElseThrow()), plan.variables());
        if (result.ok()) {
            boolean whole = plan.notRestored().isEmpty();
            undos.record(chunk.batchId(), row.rowNumber(), whole ? UndoResult.UNDONE : UndoResult.KEPT,
                    whole ? null : "Row " + row.rowNumber() + ", record " + row.entityId() + ": restored, but "
                            + RowPlan.notRestoredText(plan.notRestored()), clock.instant());
            return Step.RECORDED;
        }
        failure[0] = errors.classify(result.errors());
        return Step.FAILED;
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

    private Step recordFailure(UndoChunk chunk, String owner, UndoStore.CommittedRow row, RowFailure failure) {
        if (!undos.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
            return Step.LEASE_LOST;
        }
        UndoResult result = failure.type() == RowErrorType.NOT_FOUND || failure.type() == RowErrorType.CONFLICT
                ? UndoResult.KEPT : UndoResult.FAILED;
        String why = switch (failure.type()) {
            case NOT_FOUND -> "it no longer exists: " + failure.detail();
            case CONFLICT -> "it was kept: " + failure.detail();
            case PERMISSION -> "the admin who asked for the rollback may not undo it: " + failure.detail();
            default -> "its undo failed: " + failure.detail();
        };
        undos.record(chunk.batchId(), row.rowNumber(), result, "Row " + row.rowNumber() + ", record "
                + row.entityId() + ": " + why, clock.instant());
        return Step.RECORDED;
    }

    /** The undo mutation as a template of no column, which the row executors run as they run an import's rows. */
    private static ImportTemplate template(Undo.Mutation mutation) {
        return new ImportTemplate(mutation.name(), "", "undo", "", List.of(), mutation.operation(), null, null);
    }
}
