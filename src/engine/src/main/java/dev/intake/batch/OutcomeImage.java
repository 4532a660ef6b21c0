package dev.intake.batch;

/**
 * What a committed row left for a rollback, kept in its outcome row: the record before it and after it, as JSON, and
 * the input its undo takes; each may be null.
 */
public record OutcomeImage(String before, String after, String input) {
}
