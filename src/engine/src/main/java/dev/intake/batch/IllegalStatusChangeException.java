package dev.intake.batch;

/** A batch was asked to move between two statuses that the life cycle does not connect. */
public class IllegalStatusChangeException extends IllegalStateException {

    public IllegalStatusChangeException(BatchStatus from, BatchStatus to) {
        super("A batch cannot move from " + from + " to " + to);
    }
}
