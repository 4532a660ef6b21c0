package dev.intake.batch;

import java.util.List;

/**
 * A data row as staged from the file, with its parse error if it had one; {@code problemField} names the field
 * whose cell the file spoiled (a workbook's error cell), making the error a {@code VALIDATION} one on that field.
 */
public record StagedRow(long rowNumber, List<String> cells, String parseError, String problemField) {

    public StagedRow {
        cells = List.copyOf(cells);
    }

    public StagedRow(long rowNumber, List<String> cells, String parseError) {
        this(rowNumber, cells, parseError, null);
    }
}
