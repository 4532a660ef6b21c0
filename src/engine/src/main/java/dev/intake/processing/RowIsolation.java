package dev.intake.processing;


import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;

import dev.intake.batch.RowOutcome;
import dev.intake.target.RowFailure;

/**
 * Decides which rows commit together when some of them fail.
 * <p>
 * All rows first run in one transaction. A row that fails cleanly is recorded and the others go on, inside the
 * runner. A row whose failure spoils the transaction is rolled back with it: the rows before it run again and
 * commit with its failure recorded, and the rows after it go on in a fresh transaction. A failure no single row
 * is known to cause (a write failing at flush) splits the rows in halves until one row is left to blame.
 * Every row thus ends in exactly one committed transaction, with its data and its outcome.
 */
final class RowIsolation {

    /** Runs a segment of rows in one transaction, committing only when it returns {@link Attempt#committed()}. */
    @FunctionalInterface
    interface SegmentRunner {
        Attempt run(List<PreparedRow> segment);
    }

    private RowIsolation() {
    }

    /**
     * Runs the rows to the end; false when the chunk's lease was lost and the rest was left to its new owner.
     *
     * @param outcome the outcome recorded for a row blamed for a failure
     */
    static boolean run(List<PreparedRow> rows, SegmentRunner runner, BiFunction<PreparedRow, RowFailure, RowOutcome> outcome) {
        Deque<List<PreparedRow>> segments = new ArrayDeque<>();
        if (!rows.isEmpty()) {
            segments.push(rows);
        }
        while (!segments.isEmpty()) {
            List<PreparedRow> segment = segments.pop();
            Attempt attempt = runner.run(segment);
            if (attempt.leaseLost()) {
                return false;
            }
            if (attempt.poisonedAt() >= 0) {
                int at = attempt.poisonedAt();
                if (at + 1 < segment.size()) {
                    segments.push(segment.subList(at + 1, segment.size()));
                }
                List<PreparedRow> retry = new ArrayList<>(segment.subList(0, at + 1));
                retry.set(at, segment.get(at).decide(outcome.apply(segment.get(at), attempt.failure())));
                segments.push(retry);
            } else if (attempt.failure() != null) {
                if (segment.size() == 1) {
                    segments.push(List.of(segment.get(0).decide(outcome.apply(segment.get(0), attempt.failure()))));
                } else {
                    int half = segment.size() / 2;
                    segments.push(segment.subList(half, segment.size()));
                    segments.push(segment.subList(0, half));
                }
            }
        }
        return true;
    }
}
