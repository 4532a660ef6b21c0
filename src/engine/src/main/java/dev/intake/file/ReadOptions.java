package dev.intake.file;

/**
 * How a file is read besides its format, decided at upload and kept with its batch, so that validation and the
 * report files read and write it the same way.
 *
 * @param delimiter the CSV separator: a comma, a semicolon or a tab
 * @param separatorLine whether the CSV file starts with Excel's {@code sep=} line, which is not a row
 * @param sheet the workbook sheet to read, by name; {@code null} for the first
 */
public record ReadOptions(char delimiter, boolean separatorLine, String sheet) {

    public static final ReadOptions CSV = new ReadOptions(',', false, null);

    public ReadOptions {
        if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new IllegalArgumentException("Not a CSV separator: " + delimiter);
        }
    }

    /** Whether Number and Decimal cells may use a decimal comma: a semicolon-separated file, as Excel writes them. */
    public boolean decimalComma() {
        return delimiter == ';';
    }

    /** How messages name the separator. */
    public String delimiterName() {
        return switch (delimiter) {
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> "comma";
        };
    }
}
