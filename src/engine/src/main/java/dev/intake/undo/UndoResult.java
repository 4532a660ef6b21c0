package dev.intake.undo;

/** What a rollback did with one committed row. */
public enum UndoResult {
    /** The row's write is undone: the record it created is deleted. */
    UNDONE,
    /** The record stays as it is, on purpose: it no longer exists, or other records refer to it. */
    KEPT,
    /** The undo mutation failed for another reason, such as a missing role. */
    FAILED
}
