package dev.intake.file;

import java.util.List;

/**
 * One record of a file as its format reads it, before it is matched to a template.
 *
 * @param number its record number in the file, counted from 1 and counting header rows (a CSV record, a sheet's
 *        row, an NDJSON line)
 * @param cells its cells in file column order
 */
public record SourceRecord(long number, List<String> cells) {

    public SourceRecord {
        cells = List.copyOf(cells);
    }

    public boolean isBlank() {
        return cells.stream().allMatch(String::isBlank);
    }
}
