package dev.intake.processing;

import java.util.Map;

import dev.intake.batch.RowOutcome;

/**
 * A staged row ready to run: its mutation variables, or the failure already decided for it (a parse error, a
 * cell its column does not accept, or a failure found on an earlier attempt).
 */
record PreparedRow(long rowNumber, Map<String, Object> variables, RowOutcome decided) {

    PreparedRow decide(RowOutcome outcome) {
        return new PreparedRow(rowNumber, null, outcome);
    }
}
