package dev.intake.batch;

/**
 * A record a batch's row wrote.
 *
 * @param rowNumber the row, by the file's row numbers
 * @param entityId the record's ID, as the mutation answered it
 * @param action whether the row created or updated it; {@code null} for a mutation that says neither
 */
public record ImportedRecord(long rowNumber, String entityId, RowAction action) {
}
