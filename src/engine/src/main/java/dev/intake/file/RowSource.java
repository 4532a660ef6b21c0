package dev.intake.file;

import java.io.Closeable;

/**
 * The records of an uploaded file, in file order, whatever its format: the header rows come first, as records
 * like any other. {@link TemplateFileReader} matches them to a template.
 */
public interface RowSource extends Closeable {

    /**
     * The next record, or {@code null} at the end of the file.
     *
     * @throws UnreadableFileException when the file cannot be read from this point on, naming where and why
     */
    SourceRecord next();

    /**
     * Tells the source which template field each column feeds, once the header is matched or mapped, for formats
     * whose cells are read by their column's type (a workbook's number and date cells). Most formats ignore it.
     */
    default void useLayout(FileLayout layout) {
    }

    /**
     * The record read last, read again with the layout given since: the reader reads one record past the header
     * to tell a one-row header from four, so the first data row was read before the layout was known. Formats
     * that ignore the layout give the record back as it is.
     */
    default SourceRecord again(SourceRecord record) {
        return record;
    }
}
