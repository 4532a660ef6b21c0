package dev.intake.batch;

/**
 * What became of one row: success with the ID of the record it wrote and whether it created or updated it, or
 * failure with its type, the field at fault (a template reference, when known) and a message that names the row
 * and column. A successful row's message is a note for the results file, such as a record its lookup policy
 * created, or {@code null}.
 */
public record RowOutcome(long rowNumber, boolean success, String entityId, RowAction action, RowErrorType errorType,
        String field, String message) {

    public static RowOutcome succeeded(long rowNumber, String entityId, RowAction action) {
        return new RowOutcome(rowNumber, true, entityId, action, null, null, null);
    }

    /** A success with a note for the results file. */
    public static RowOutcome succeeded(long rowNumber, String entityId, RowAction action, String note) {
        return new RowOutcome(rowNumber, true, entityId, action, null, null, note);
    }

    public static RowOutcome failed(long rowNumber, RowErrorType type, String field, String message) {
        return new RowOutcome(rowNumber, false, null, null, type, field, message);
    }
}
