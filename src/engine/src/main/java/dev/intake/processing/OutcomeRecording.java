package dev.intake.processing;

import java.util.List;

import dev.intake.batch.RowAction;
import dev.intake.batch.RowOutcome;
import dev.intake.target.RowFailure;
import dev.intake.template.TemplateColumn;
import dev.intake.template.WriteKind;

/**
 * What a row's invocation comes to in its transaction: an outcome to commit with it, or a reason to roll the
 * transaction back. A failed row is clean when the transaction was still active after it and it left no write queued;
 * a failed row whose state before or after is unknown is taken to have spoilt it, so that nothing it may have written
 * is kept. A failure that is not the row's own (a database fault during it) rolls back with no row to blame.
 */
final class OutcomeRecording {

    private final List<TemplateColumn> columns;
    private final RowAction templateAction;
    private final LookupPolicies policies;

    OutcomeRecording(List<TemplateColumn> columns, WriteKind writeKind, LookupPolicies policies) {
        this.columns = columns;
        this.templateAction = writeKind == null ? null : actionOf(writeKind);
        this.policies = policies;
    }

    /** Create templates create, update templates update; others say nothing unless the result does. */
    private static RowAction actionOf(WriteKind kind) {
        return switch (kind) {
            case CREATE -> RowAction.CREATED;
            case UPDATE -> RowAction.UPDATED;
            case UPSERT, OTHER -> null;
        };
    }

    /**
     * The row's outcome, or the attempt to roll back with.
     *
     * @param index the row's place in its segment, named when it spoilt the transaction
     * @param notes what the row did besides its own write, for the results file
     */
    Recorded record(PreparedRow row, int index, Invocation invocation, WriteState before, WriteState after,
            List<String> notes) {
        if (invocation.ok()) {
            return Recorded.outcome(RowOutcome.succeeded(row.rowNumber(), invocation.entityId(), action(invocation),
                    notes.isEmpty() ? null : String.join("; ", notes)));
        }
        RowFailure failure = policies.explain(invocation.failure());
        if (!failure.ownFault()) {
            return Recorded.rollBack(Attempt.unattributable(failure));
        }
        if (!WriteState.leftClean(before, after)) {
            return Recorded.rollBack(Attempt.poisoned(index, failure));
        }
        return Recorded.outcome(failed(row, failure));
    }

    /** The outcome of a row that failed for this reason. */
    RowOutcome failed(PreparedRow row, RowFailure failure) {
        return RowOutcome.failed(row.rowNumber(), failure.type(), failure.field(), failure.message(row.rowNumber(), columns));
    }

    /** An upsert's result says whether it created the record; otherwise the template's action does. */
    private RowAction action(Invocation invocation) {
        if (invocation.created() != null) {
            return invocation.created() ? RowAction.CREATED : RowAction.UPDATED;
        }
        return templateAction;
    }

    /** A row's outcome, or the attempt its transaction rolls back with. */
    record Recorded(RowOutcome outcome, Attempt rollback) {

        static Recorded outcome(RowOutcome outcome) {
            return new Recorded(outcome, null);
        }

        static Recorded rollBack(Attempt attempt) {
            return new Recorded(null, attempt);
        }
    }
}
