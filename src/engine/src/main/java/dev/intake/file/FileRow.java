package dev.intake.file;

import java.util.List;

/**
 * A data row of an uploaded file.
 *
 * @param rowNumber its record number in the file, counting header rows, so the first data row of a template is 5
 * @param cells its cells in file column order
 * @param parseError why the row cannot be imported as it stands, or {@code null}
 * @param problemField where the file itself spoiled a cell that a field reads (a workbook's error cell), that
 *        field's reference: the row then fails with {@code VALIDATION} on it rather than {@code PARSE}; {@code null}
 *        otherwise
 */
public record FileRow(long rowNumber, List<String> cells, String parseError, String problemField) {

    public FileRow {
        cells = List.copyOf(cells);
    }

    public FileRow(long rowNumber, List<String> cells, String parseError) {
        this(rowNumber, cells, parseError, null);
    }
}
