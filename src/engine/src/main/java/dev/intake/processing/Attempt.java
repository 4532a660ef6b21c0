package dev.intake.processing;

import dev.intake.target.RowFailure;


/**
 * How one transaction over a segment of rows ended.
 *
 * @param leaseLost another worker took the chunk over; nothing was written
 * @param poisonedAt the index of a row whose own failure spoilt the transaction, or -1
 * @param failure the failure that rolled the transaction back, or {@code null} when it committed
 */
record Attempt(boolean leaseLost, int poisonedAt, RowFailure failure) {

    static Attempt committed() {
        return new Attempt(false, -1, null);
    }

    static Attempt lostLease() {
        return new Attempt(true, -1, null);
    }

    /** The row at this index failed and took the transaction down with it. */
    static Attempt poisoned(int index, RowFailure failure) {
        return new Attempt(false, index, failure);
    }

    /** The transaction failed, but no single row is known to be at fault. */
    static Attempt unattributable(RowFailure failure) {
        return new Attempt(false, -1, failure);
    }
}
