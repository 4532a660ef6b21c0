package dev.intake.undo;

/**
 * How far a batch's rollback got: its rows undone, kept and failed so far, of the rows the import committed.
 *
 * @param committed the rows the import committed, which a rollback undoes
 */
public record UndoCounts(long committed, long undone, long kept, long failed) {

    public long done() {
        return undone + kept + failed;
    }
}
