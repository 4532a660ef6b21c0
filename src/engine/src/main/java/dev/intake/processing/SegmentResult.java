package dev.intake.processing;

import java.util.List;
import java.util.function.Supplier;

import dev.intake.batch.RowOutcome;
import dev.intake.undo.RowImage;

/**
 * What running a segment's rows in one transaction came to: every row's outcome, to commit with the rows' data; or
 * the attempt that says why the transaction must roll back instead (a row that spoilt it, or a failure no row is to
 * blame for).
 */
record SegmentResult(List<RowOutcome> outcomes, Attempt rollback, Supplier<List<RowImage>> images) {

    static SegmentResult done(List<RowOutcome> outcomes) {
        return done(outcomes, List::of);
    }

    /**
     * The rows' outcomes, with the read of their records' images for a rollback: it runs once the rows' writes are
     * flushed, so that a write that fails at flush fails there, blamed on its row, and not inside the read.
     */
    static SegmentResult done(List<RowOutcome> outcomes, Supplier<List<RowImage>> images) {
        return new SegmentResult(List.copyOf(outcomes), null, images);
    }

    static SegmentResult rollBack(Attempt attempt) {
        return new SegmentResult(List.of(), attempt, List::of);
    }

    boolean commits() {
        return rollback == null;
    }
}
