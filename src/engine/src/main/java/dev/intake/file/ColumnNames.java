package dev.intake.file;

/** Spreadsheet names of file columns: the 1st is A, the 27th is AA. */
public final class ColumnNames {

    private ColumnNames() {
    }

    /** For a zero-based index, such as {@code column 4 (D)}. */
    public static String describe(int index) {
        return "column " + (index + 1) + " (" + letters(index) + ")";
    }

    /** For a zero-based index, the column's letters, such as {@code D}. */
    public static String letters(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
