package dev.intake.file;

import java.util.List;

/**
 * A data row of an uploaded file.
 *
 * @param rowNumber its record number in the file, counting header rows, so the first data row of a template is 5
 * @param cells its cells in file column order
 * @param parseError why the row cannot be imported as it stands, or {@code null}
 */
public record FileRow(long rowNumber, List<String> cells, String parseError) {

    public FileRow {
        cells = List.copyOf(cells);
    }
}
