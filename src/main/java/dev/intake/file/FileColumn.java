package dev.intake.file;

/**
 * What one column of an uploaded file holds.
 *
 * @param kind a template field, one of Intake's own report columns (ignored), or a column with a blank header
 * @param reference the template reference of a {@code FIELD} column, {@code null} otherwise
 */
public record FileColumn(Kind kind, String reference) {

    public enum Kind {
        FIELD, REPORT, BLANK
    }

    static FileColumn field(String reference) {
        return new FileColumn(Kind.FIELD, reference);
    }

    static final FileColumn REPORT = new FileColumn(Kind.REPORT, null);
    static final FileColumn BLANK = new FileColumn(Kind.BLANK, null);
}
