package dev.intake.file;

import java.util.List;

/**
 * One record of a file as its format reads it, before it is matched to a template.
 *
 * @param number its record number in the file, counted from 1 and counting header rows (a CSV record, a sheet's
 *        row, an NDJSON line)
 * @param cells its cells in file column order
 * @param problem why the record cannot be imported as it stands (an NDJSON line that is not a JSON object), or
 *        {@code null}
 */
public record SourceRecord(long number, List<String> cells, String problem) {

    public SourceRecord {
        cells = List.copyOf(cells);
    }

    public SourceRecord(long number, List<String> cells) {
        this(number, cells, null);
    }

    /** Whether it holds nothing, and nothing is wrong with it: a blank line. */
    public boolean isBlank() {
        return problem == null && cells.stream().allMatch(String::isBlank);
    }
}
