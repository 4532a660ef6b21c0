package dev.intake.processing;

import java.util.List;

import dev.intake.batch.RowOutcome;

/**
 * What running a segment's rows in one transaction came to: every row's outcome, to commit with the rows' data; or
 * the attempt that says why the transaction must roll back instead (a row that spoilt it, or a failure no row is to
 * blame for).
 */
record SegmentResult(List<RowOutcome> outcomes, Attempt rollback) {

    static SegmentResult done(List<RowOutcome> outcomes) {
        return new SegmentResult(List.copyOf(outcomes), null);
    }

    static SegmentResult rollBack(Attempt attempt) {
        return new SegmentResult(List.of(), attempt);
    }

    boolean commits() {
        return rollback == null;
    }
}
