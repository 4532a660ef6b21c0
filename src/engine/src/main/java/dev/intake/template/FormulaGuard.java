package dev.intake.template;

/**
 * Keeps spreadsheet programs from running cell values as formulas. Cells Intake writes that start with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return get a leading apostrophe; the reader
 * takes that apostrophe off again, so a downloaded file imports back to the same values.
 */
public final class FormulaGuard {

    private static final String TRIGGERS = "=+-@\t\r";

    private FormulaGuard() {
    }

    /** The cell as it is safe to write into a CSV file someone will open in a spreadsheet. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty() || TRIGGERS.indexOf(cell.charAt(0)) < 0) {
            return cell;
        }
        return "'" + cell;
    }

    /** The value of a cell read from a file, without the apostrophe {@link #neutralise} added. */
    public static String restore(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && TRIGGERS.indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }
}
