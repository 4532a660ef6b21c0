package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a failed row is known to have left its transaction as it found it. */
class WriteStateTest {

    @Test
    void a_failed_row_that_queued_nothing_and_left_the_transaction_active_is_clean() {
        assertTrue(WriteState.leftClean(new WriteState(true, 3), new WriteState(true, 3)));
    }

    @Test
    void a_queued_write_a_doomed_transaction_or_an_unknown_state_spoils_it() {
        assertFalse(WriteState.leftClean(new WriteState(true, 3), new WriteState(true, 4)));
        assertFalse(WriteState.leftClean(new WriteState(true, 3), new WriteState(false, 3)));
        assertFalse(WriteState.leftClean(null, new WriteState(true, 3)));
        assertFalse(WriteState.leftClean(new WriteState(true, 3), null));
    }
}
