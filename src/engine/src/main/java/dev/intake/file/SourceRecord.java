package dev.intake.file;

import java.util.List;
import java.util.Map;

/**
 * One record of a file as its format reads it, before it is matched to a template.
 *
 * @param number its record number in the file, counted from 1 and counting header rows (a CSV record, a sheet's
 *        row, an NDJSON line)
 * @param cells its cells in file column order
 * @param problem why the record cannot be imported as it stands (an NDJSON line that is not a JSON object), or
 *        {@code null}
 * @param cellProblems by column index, cells that hold no usable value though the record itself is readable (a
 *        workbook's error cell, such as {@code #N/A}), each with why; they fail the row only where a field reads
 *        the column
 */
public record SourceRecord(long number, List<String> cells, String problem, Map<Integer, String> cellProblems) {

    public SourceRecord {
        cells = List.copyOf(cells);
        cellProblems = cellProblems == null ? Map.of() : Map.copyOf(cellProblems);
    }

    public SourceRecord(long number, List<String> cells, String problem) {
        this(number, cells, problem, Map.of());
    }

    public SourceRecord(long number, List<String> cells) {
        this(number, cells, null, Map.of());
    }

    /** Whether it holds nothing, and nothing is wrong with it: a blank line. */
    public boolean isBlank() {
        return problem == null && cellProblems.isEmpty() && cells.stream().allMatch(String::isBlank);
    }
}
