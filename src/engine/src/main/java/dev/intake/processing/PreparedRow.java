package dev.intake.processing;

import java.util.Map;

import dev.intake.batch.RowOutcome;

/**
 * A staged row ready to run: its mutation variables, or the failure already decided for it (a parse error, a
 * cell its column does not accept, or a failure found on an earlier attempt).
 *
 * @param note what the results file says of the row when it succeeds (a lookup policy's doing), or {@code null}
 */
record PreparedRow(long rowNumber, Map<String, Object> variables, RowOutcome decided, String note) {

    PreparedRow(long rowNumber, Map<String, Object> variables, RowOutcome decided) {
        this(rowNumber, variables, decided, null);
    }

    PreparedRow decide(RowOutcome outcome) {
        return new PreparedRow(rowNumber, null, outcome);
    }
}
