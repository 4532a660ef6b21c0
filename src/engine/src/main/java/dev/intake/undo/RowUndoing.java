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
import dev.intake.db.PendingWrites;
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
 * Undoes a claimed chunk of a rollback in order, as the admin who asked for it: each row's undo mutation and its
 * result are written in one transaction, so a row is undone once whatever dies on the way, and a chunk taken over after
 * a crash goes on with the rows that have no result. In-process, a group of rows (as many as an import runs in one
 * operation) shares a transaction; a group in which an undo fails is rolled back and its rows undone one at a time, the
 * failed row's result written in a transaction of its own, as KEPT (the record is gone already, or other records refer
 * to it) or FAILED.
 * <p>
 * Before a row is undone, its record is read again where the import kept its images (a group at a time, just before
 * the group's rows), and {@link RowPlan} decides: a record gone or changed since is KEPT without running anything. A
 * remote target's rows are undone through its API one at a time; there the row's result is written after the target
 * answered, so a worker that dies in between leaves the row to be undone again (a delete then finds the record gone,
 * and keeps it).
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

    @Inject
    PendingWrites pending;

    /**
     * What one row came to: a result to record, or the failure of its undo mutation (recorded once its transaction
     * rolled back), or the chunk's lease lost.
     */
    private record Outcome(UndoResult result, RowErrorType errorType, String reason, RowFailure failure,
            boolean leaseLost) {

        static final Outcome LEASE_LOST = new Outcome(null, null, null, null, true);

        static Outcome of(UndoResult result, RowErrorType errorType, String reason) {
            return new Outcome(result, errorType, reason, null, false);
        }

        static Outcome failed(RowFailure failure) {
            return new Outcome(null, null, null, failure, false);
        }
    }

    /**
     * Undoes the chunk's rows to the end, unless its lease is lost to another worker or the rollback is cancelled. In
     * a dry run, each row's undo runs in a transaction that is rolled back (in-process), or is not sent (a remote
     * target), and what a rollback would do is recorded instead.
     */
    public void process(UndoChunk chunk, String owner) {
        RunSettings batch = batches.runSettings(chunk.batchId()).orElseThrow();
        java.util.Optional<UndoStore.Requested> asked = chunk.dryRun() ? undos.previewRequested(chunk.batchId())
                : undos.requested(chunk.batchId());
        if (asked.isEmpty()) {
            // a rollback asked for since replaced the dry run whose chunk this was
            LOG.infof("Rollback chunk %d of batch %s was replaced; leaving it", chunk.id(), chunk.batchId());
            return;
        }
        UndoStore.Requested requested = asked.get();
        java.util.Optional<ImportTemplate> template = templates.byName(batch.template());
        Undo undo = template.map(ImportTemplate::undo).orElse(Undo.refused("The template " + batch.template()
                + " is no longer offered, so its rows cannot be undone"));
        String target = template.map(ImportTemplate::target).orElse(null);
        List<UndoStore.CommittedRow> rows = QuarkusTransaction.requiringNew().call(() -> undos.rowsToUndo(chunk));
        Map<Long, RowImage> kept = undo.reading().isPresent() || undo.needsInput()
                ? QuarkusTransaction.requiringNew().call(() -> images.findAll(chunk.batchId(), chunk.firstRow(),
                        chunk.lastRow()))
                : Map.of();
        try (RowSession session = target == null ? executor.open(requested.admin())
                : remote.session(target, requested.admin())) {
            CurrentRecords records = new CurrentRecords(undo, session, rows, kept, config.worker().rowsPerOperation());
            // in-process, a real rollback undoes a group of rows in one transaction; a group with a row whose undo
            // fails is rolled back and undone a row at a time. A remote target's rows go one at a time, so that a
            // row's result is written as soon as the target answered.
            int per = target == null && !chunk.dryRun() ? config.worker().rowsPerOperation() : 1;
            for (int from = 0; from < rows.size(); from += per) {
                List<UndoStore.CommittedRow> group = rows.subList(from, Math.min(rows.size(), from + per));
                Boolean whole = group.size() == 1 ? Boolean.FALSE : transaction.run(() -> {
                    if (!undos.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
                        return NewTransaction.Ending.rollBack(null);
                    }
                    return undoTogether(chunk, undo, requested.force(), session, group, kept, records)
                            ? NewTransaction.Ending.commit(Boolean.TRUE)
                            : NewTransaction.Ending.rollBack(Boolean.FALSE);
                });
                if (whole == null || !Boolean.TRUE.equals(whole) && !undoEach(chunk, owner, undo, requested.force(),
                        session, group, kept, records, target != null)) {
                    LOG.infof("Rollback chunk %d of batch %s was taken over by another worker, or the rollback stopped;"
                            + " leaving it", chunk.id(), chunk.batchId());
                    return;
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> undos.markDone(chunk, clock.instant(), owner));
    }

    /**
     * Undoes the rows one at a time, each in a transaction of its own with its result (or, in a dry run, rolled back
     * and its result written apart); false when the chunk's lease was lost. A remote target's undo is sent outside
     * any transaction, and its result written once it answered.
     */
    private boolean undoEach(UndoChunk chunk, String owner, Undo undo, boolean force, RowSession session,
            List<UndoStore.CommittedRow> rows, Map<Long, RowImage> kept, CurrentRecords records, boolean remoteTarget) {
        for (UndoStore.CommittedRow row : rows) {
            Map<String, Object> current = records.now(row);
            String unread = records.failure(row);
            Outcome outcome;
            if (remoteTarget) {
                if (!transaction.run(() -> NewTransaction.Ending.commit(undos.holdLease(chunk, owner, clock.instant()
                        .plus(config.worker().lease()))))) {
                    return false;
                }
                outcome = decide(chunk, undo, force, session, row, kept.get(row.rowNumber()), current, unread, true);
            } else {
                outcome = transaction.run(() -> {
                    if (!undos.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
                        return NewTransaction.Ending.rollBack(Outcome.LEASE_LOST);
                    }
                    Outcome decided = flushed(decide(chunk, undo, force, session, row, kept.get(row.rowNumber()),
                            current, unread, false));
                    if (!chunk.dryRun() && decided.result() != null) {
                        // the row's result commits with its undo
                        undos.record(chunk, row.rowNumber(), decided.result(), decided.errorType(), decided.reason(),
                                clock.instant());
                        return NewTransaction.Ending.commit(decided);
                    }
                    return NewTransaction.Ending.rollBack(decided);
                });
            }
            Outcome done = outcome;
            boolean held = !done.leaseLost() && (!remoteTarget && !chunk.dryRun() && done.result() != null
                    || QuarkusTransaction.requiringNew().call(() -> recordApart(chunk, owner, row, done)));
            if (!held) {
                return false;
            }
        }
        return true;
    }

    /**
     * The outcome once the writes the undo left in Hibernate are sent: a write a constraint refuses (another record
     * still refers to the one deleted) fails the row here, as the mutation's own refusal would, rather than the
     * commit.
     */
    private Outcome flushed(Outcome outcome) {
        if (outcome.result() == null || outcome.leaseLost()) {
            return outcome;
        }
        try {
            pending.flush();
            return outcome;
        } catch (RuntimeException e) {
            String state = PendingWrites.sqlState(e).orElseThrow(() -> e);
            if (!state.startsWith("23")) {
                throw e;
            }
            return Outcome.failed(new RowFailure(RowErrorType.CONFLICT, null, "the database refused it ("
                    + (state.equals("23503") ? "other records still refer to it" : "SQLSTATE " + state) + ")", true));
        }
    }

    /** What to do with one row: a result without running anything, or its undo mutation's outcome. */
    private Outcome decide(UndoChunk chunk, Undo undo, boolean force, RowSession session,
            UndoStore.CommittedRow row, RowImage image, Map<String, Object> current, String unread,
            boolean remoteTarget) {
        if (unread != null) {
            return Outcome.of(UndoResult.FAILED, RowErrorType.INTERNAL, "Row " + row.rowNumber() + ", record "
                    + row.entityId() + ": its record could not be read to check it, so it was not undone ("
                    + unread + "); roll back again to try it again");
        }
        Planned planned = plan(undo, force, row, image, current);
        if (planned.outcome() != null) {
            return planned.outcome();
        }
        if (chunk.dryRun() && remoteTarget) {
            return Outcome.of(UndoResult.UNDONE, null, "Row " + row.rowNumber() + ", record " + row.entityId() + ": "
                    + planned.mutation().name() + " would run; a dry run on a remote target reads the record but sends"
                    + " no undo, so the target's own refusals show only in a rollback");
        }
        return after(planned, row, session.run(template(planned.mutation()), planned.plan().variables()));
    }

    /** A row's plan: a result at once, or the undo mutation to run with the plan's variables. */
    private record Planned(Outcome outcome, Undo.Mutation mutation, RowPlan plan) {
    }

    /** The row's outcome once its undo mutation answered. */
    private Outcome after(Planned planned, UndoStore.CommittedRow row, RowResult result) {
        if (!result.ok()) {
            return Outcome.failed(result.failure() != null ? result.failure() : errors.classify(result.errors()));
        }
        List<String> notRestored = planned.plan().notRestored();
        return Outcome.of(notRestored.isEmpty() ? UndoResult.UNDONE : UndoResult.KEPT, notRestored.isEmpty() ? null
                : RowErrorType.VALIDATION, notRestored.isEmpty() ? null : "Row " + row.rowNumber() + ", record " + row.entityId() + ": restored, but "
                        + RowPlan.notRestoredText(notRestored));
    }

    private Planned plan(Undo undo, boolean force, UndoStore.CommittedRow row, RowImage image,
            Map<String, Object> current) {
        String refusal = refusal(undo, row);
        if (refusal != null) {
            return new Planned(Outcome.of(UndoResult.FAILED, RowErrorType.INTERNAL, refusal), null, null);
        }
        RowPlan plan = RowPlan.of(undo, row, image, current, image != null && image.after() != null, force);
        if (!plan.runs()) {
            return new Planned(Outcome.of(plan.result(), plan.errorType(), plan.reason()), null, null);
        }
        return new Planned(null, undo.forAction(row.action()).orElseThrow(), plan);
    }

    /**
     * Undoes a group of rows in the current transaction, their undo mutations in one operation per mutation (each row
     * an aliased field: an upsert's deletes, then its restores), and records their results; false when an undo failed,
     * a write was refused or a record could not be read, so that the caller rolls the group back and undoes its rows
     * one at a time.
     */
    private boolean undoTogether(UndoChunk chunk, Undo undo, boolean force, RowSession session,
            List<UndoStore.CommittedRow> group, Map<Long, RowImage> kept, CurrentRecords records) {
        Map<UndoStore.CommittedRow, Outcome> outcomes = new java.util.LinkedHashMap<>();
        Map<Undo.Mutation, List<UndoStore.CommittedRow>> running = new java.util.LinkedHashMap<>();
        Map<UndoStore.CommittedRow, Planned> plans = new java.util.HashMap<>();
        for (UndoStore.CommittedRow row : group) {
            Map<String, Object> current = records.now(row);
            if (records.failure(row) != null) {
                // one row at a time says so for each
                return false;
            }
            Planned planned = plan(undo, force, row, kept.get(row.rowNumber()), current);
            outcomes.put(row, planned.outcome());
            if (planned.outcome() == null) {
                plans.put(row, planned);
                running.computeIfAbsent(planned.mutation(), mutation -> new java.util.ArrayList<>()).add(row);
            }
        }
        for (Map.Entry<Undo.Mutation, List<UndoStore.CommittedRow>> each : running.entrySet()) {
            List<Map<String, Object>> variables = each.getValue().stream().map(row -> plans.get(row).plan().variables())
                    .toList();
            java.util.Optional<List<RowResult>> results;
            try {
                results = session.runAll(template(each.getKey()), variables, index -> {
                });
            } catch (IllegalStateException e) {
                // a failed row whose non-null answer took the others' with it: each row alone says which
                return false;
            }
            if (results.isEmpty()) {
                return false;
            }
            for (int i = 0; i < each.getValue().size(); i++) {
                UndoStore.CommittedRow row = each.getValue().get(i);
                RowResult result = results.get().get(i);
                if (!result.ok()) {
                    return false;
                }
                Outcome outcome = after(plans.get(row), row, result);
                outcomes.put(row, outcome);
            }
        }
        try {
            pending.flush();
        } catch (RuntimeException e) {
            // a write a constraint refuses: one row at a time finds which
            return false;
        }
        undos.recordAll(chunk, outcomes.entrySet().stream().map(row -> new UndoStore.Recorded(row.getKey().rowNumber(),
                row.getValue().result(), row.getValue().errorType(), row.getValue().reason())).toList(), clock.instant());
        return true;
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
            undos.record(chunk, row.rowNumber(), outcome.result(), outcome.errorType(), outcome.reason(),
                    clock.instant());
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
        undos.record(chunk, row.rowNumber(), result, failure.type(), "Row " + row.rowNumber() + ", record " + row.entityId() + ": "
                + why, clock.instant());
        return true;
    }

    /** The undo mutation as a template of no column, which the row executors run as they run an import's rows. */
    private static ImportTemplate template(Undo.Mutation mutation) {
        return new ImportTemplate(mutation.name(), "", "undo", "", List.of(), mutation.operation(), null, null);
    }
}
