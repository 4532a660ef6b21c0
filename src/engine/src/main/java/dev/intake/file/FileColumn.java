package dev.intake.file;

/**
 * What one column of an uploaded file holds.
 *
 * @param kind a template field, one of Intake's own report columns (ignored), a column a person chose not to
 *        import, or a column with a blank header
 * @param reference the template reference of a {@code FIELD} column, {@code null} otherwise
 */
public record FileColumn(Kind kind, String reference) {

    public enum Kind {
        FIELD, REPORT, IGNORED, BLANK
    }

    public static FileColumn field(String reference) {
        return new FileColumn(Kind.FIELD, reference);
    }

    public static final FileColumn REPORT = new FileColumn(Kind.REPORT, null);
    public static final FileColumn IGNORED = new FileColumn(Kind.IGNORED, null);
    public static final FileColumn BLANK = new FileColumn(Kind.BLANK, null);
}
