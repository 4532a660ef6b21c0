package dev.intake.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class BatchStatusTest {

    @Test
    void the_main_path_runs_from_pending_to_a_final_status() {
        assertTrue(BatchStatus.PENDING.canMoveTo(BatchStatus.VALIDATING));
        assertTrue(BatchStatus.VALIDATING.canMoveTo(BatchStatus.PROCESSING));
        assertTrue(BatchStatus.VALIDATING.canMoveTo(BatchStatus.VALIDATION_FAILED));
        for (BatchStatus end : EnumSet.of(BatchStatus.COMPLETED, BatchStatus.PARTIAL_SUCCESS, BatchStatus.FAILED)) {
            assertTrue(BatchStatus.PROCESSING.canMoveTo(end), end.name());
        }
    }

    @Test
    void no_step_is_skipped_and_nothing_goes_backwards() {
        assertFalse(BatchStatus.PENDING.canMoveTo(BatchStatus.PROCESSING));
        assertFalse(BatchStatus.PENDING.canMoveTo(BatchStatus.COMPLETED));
        assertFalse(BatchStatus.PROCESSING.canMoveTo(BatchStatus.PENDING));
        assertFalse(BatchStatus.COMPLETED.canMoveTo(BatchStatus.PROCESSING));
    }

    @Test
    void final_statuses_allow_only_an_admins_action_a_rollback_or_a_decision_on_unknown_rows() {
        assertEquals(EnumSet.of(BatchStatus.ROLLING_BACK), next(BatchStatus.COMPLETED));
        // rows whose outcome was unknown: sent again (PROCESSING), or marked done (a better outcome)
        assertEquals(EnumSet.of(BatchStatus.ROLLING_BACK, BatchStatus.PROCESSING, BatchStatus.COMPLETED),
                next(BatchStatus.PARTIAL_SUCCESS));
        assertEquals(EnumSet.of(BatchStatus.PROCESSING, BatchStatus.PARTIAL_SUCCESS, BatchStatus.COMPLETED),
                next(BatchStatus.FAILED));
        for (BatchStatus status : EnumSet.of(BatchStatus.VALIDATION_FAILED, BatchStatus.CANCELLED,
                BatchStatus.ROLLED_BACK)) {
            assertTrue(next(status).isEmpty(), status.name());
        }
        for (BatchStatus status : EnumSet.of(BatchStatus.COMPLETED, BatchStatus.PARTIAL_SUCCESS, BatchStatus.FAILED,
                BatchStatus.VALIDATION_FAILED, BatchStatus.CANCELLED, BatchStatus.ROLLED_BACK,
                BatchStatus.PARTIALLY_ROLLED_BACK)) {
            assertTrue(status.isFinished(), status.name());
        }
    }

    @Test
    void a_rollback_runs_from_a_finished_import_with_committed_rows_and_ends_whole_or_partial() {
        // a FAILED import committed no row: there is nothing to roll back
        assertTrue(!BatchStatus.FAILED.canMoveTo(BatchStatus.ROLLING_BACK));
        assertEquals(EnumSet.of(BatchStatus.ROLLED_BACK, BatchStatus.PARTIALLY_ROLLED_BACK),
                next(BatchStatus.ROLLING_BACK));
        assertTrue(!BatchStatus.ROLLING_BACK.isFinished(), "a rollback under way has not ended");
        // the rows a partial rollback left can be rolled back again; a whole rollback is the end
        assertEquals(EnumSet.of(BatchStatus.ROLLING_BACK), next(BatchStatus.PARTIALLY_ROLLED_BACK));
        assertTrue(next(BatchStatus.ROLLED_BACK).isEmpty());
        for (BatchStatus status : BatchStatus.values()) {
            assertEquals(status == BatchStatus.COMPLETED || status == BatchStatus.PARTIAL_SUCCESS
                    || status == BatchStatus.PARTIALLY_ROLLED_BACK, status.canMoveTo(BatchStatus.ROLLING_BACK),
                    status + " to ROLLING_BACK");
        }
        assertEquals(BatchStatus.ROLLED_BACK, BatchStatus.rollbackOutcomeOf(120, 120));
        assertEquals(BatchStatus.PARTIALLY_ROLLED_BACK, BatchStatus.rollbackOutcomeOf(120, 119));
    }

    @Test
    void pending_and_running_batches_can_be_cancelled() {
        for (BatchStatus status : EnumSet.of(BatchStatus.PENDING, BatchStatus.VALIDATING, BatchStatus.PROCESSING,
                BatchStatus.READY, BatchStatus.MAPPING)) {
            assertTrue(status.canMoveTo(BatchStatus.CANCELLED), status.name());
        }
    }

    @Test
    void a_forbidden_change_names_both_statuses() {
        IllegalStatusChangeException e = assertThrows(IllegalStatusChangeException.class,
                () -> BatchStatus.COMPLETED.moveTo(BatchStatus.PROCESSING));
        assertEquals("A batch cannot move from COMPLETED to PROCESSING", e.getMessage());
    }

    @Test
    void active_statuses_are_the_ones_a_duplicate_upload_collides_with() {
        assertEquals(EnumSet.of(BatchStatus.PENDING, BatchStatus.VALIDATING, BatchStatus.PROCESSING),
                EnumSet.copyOf(BatchStatus.ACTIVE));
    }

    @Test
    void the_final_status_follows_from_the_counts() {
        assertEquals(BatchStatus.COMPLETED, BatchStatus.outcomeOf(10, 0));
        assertEquals(BatchStatus.PARTIAL_SUCCESS, BatchStatus.outcomeOf(9, 1));
        assertEquals(BatchStatus.FAILED, BatchStatus.outcomeOf(0, 10), "FAILED means no row was committed");
    }

    private static EnumSet<BatchStatus> next(BatchStatus from) {
        EnumSet<BatchStatus> next = EnumSet.noneOf(BatchStatus.class);
        for (BatchStatus to : BatchStatus.values()) {
            if (from.canMoveTo(to)) {
                next.add(to);
            }
        }
        return next;
    }
}
