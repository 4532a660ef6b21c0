package dev.intake.batch;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.graphql.Enum;

/**
 * The life of an import batch:
 * {@code PENDING → VALIDATING → PROCESSING → COMPLETED | PARTIAL_SUCCESS | FAILED}, or {@code VALIDATION_FAILED}
 * when the file fails its file-level checks. A dry run goes from PROCESSING to READY (no row failed), from which
 * it can be started for real, or to VALIDATION_FAILED. A finished batch with rows whose outcome is unknown goes back
 * to PROCESSING when an admin sends them again, or to its new outcome when they are marked done. A finished import
 * with committed rows can be rolled back: ROLLING_BACK, then ROLLED_BACK when every committed row was undone, or
 * PARTIALLY_ROLLED_BACK when some were kept (changed since, still referred to) or could not be undone; a partial
 * rollback can be asked for again, for the rows it left. Every change goes through {@link #canMoveTo}.
 */
@Enum("IntakeBatchStatus")
public enum BatchStatus {
    PENDING,
    VALIDATING,
    MAPPING,
    READY,
    PROCESSING,
    COMPLETED,
    PARTIAL_SUCCESS,
    FAILED,
    VALIDATION_FAILED,
    CANCELLED,
    ROLLING_BACK,
    ROLLED_BACK,
    PARTIALLY_ROLLED_BACK;

    private static final Map<BatchStatus, Set<BatchStatus>> NEXT = Map.ofEntries(
            Map.entry(PENDING, EnumSet.of(VALIDATING, CANCELLED)),
            Map.entry(VALIDATING, EnumSet.of(PROCESSING, READY, MAPPING, VALIDATION_FAILED, CANCELLED)),
            Map.entry(MAPPING, EnumSet.of(VALIDATING, CANCELLED)),
            Map.entry(READY, EnumSet.of(PROCESSING, CANCELLED)),
            Map.entry(PROCESSING, EnumSet.of(COMPLETED, PARTIAL_SUCCESS, FAILED, CANCELLED, READY, VALIDATION_FAILED)),
            Map.entry(COMPLETED, EnumSet.of(ROLLING_BACK)),
            // rows whose outcome was unknown, sent again (PROCESSING) or marked done by an admin
            Map.entry(PARTIAL_SUCCESS, EnumSet.of(ROLLING_BACK, PROCESSING, COMPLETED)),
            Map.entry(FAILED, EnumSet.of(PROCESSING, PARTIAL_SUCCESS, COMPLETED)),
            Map.entry(VALIDATION_FAILED, EnumSet.noneOf(BatchStatus.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(BatchStatus.class)),
            // a rollback that is cancelled keeps what it undid, and ends partial
            Map.entry(ROLLING_BACK, EnumSet.of(ROLLED_BACK, PARTIALLY_ROLLED_BACK)),
            Map.entry(ROLLED_BACK, EnumSet.noneOf(BatchStatus.class)),
            Map.entry(PARTIALLY_ROLLED_BACK, EnumSet.of(ROLLING_BACK)));

    /** The statuses in which a second upload of the same file for the same template is refused. */
    public static final Set<BatchStatus> ACTIVE = EnumSet.of(PENDING, VALIDATING, PROCESSING);

    public boolean canMoveTo(BatchStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Throws unless the change is allowed. */
    public BatchStatus moveTo(BatchStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStatusChangeException(this, next);
        }
        return next;
    }

    /** Waiting for or doing work. */
    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    /** No further change is possible except by an admin's action (rollback, or rows whose outcome is unknown). */
    public boolean isFinished() {
        return this == COMPLETED || this == PARTIAL_SUCCESS || this == FAILED || this == VALIDATION_FAILED
                || this == CANCELLED || this == ROLLED_BACK || this == PARTIALLY_ROLLED_BACK;
    }

    /** The status a rollback ends in: ROLLED_BACK when every committed row was undone. */
    public static BatchStatus rollbackOutcomeOf(long committed, long undone) {
        return undone >= committed ? ROLLED_BACK : PARTIALLY_ROLLED_BACK;
    }

    /**
     * The status a dry run ends in: READY to be started for real when no row failed, VALIDATION_FAILED
     * otherwise.
     */
    public static BatchStatus dryRunOutcomeOf(long errorCount) {
        return errorCount == 0 ? READY : VALIDATION_FAILED;
    }

    /** The status a finished run ends in, from its counts: FAILED means no row was committed. */
    public static BatchStatus outcomeOf(long successCount, long errorCount) {
        if (errorCount == 0) {
            return COMPLETED;
        }
        return successCount == 0 ? FAILED : PARTIAL_SUCCESS;
    }
}
