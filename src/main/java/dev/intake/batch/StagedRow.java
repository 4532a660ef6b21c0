package dev.intake.batch;

import java.util.List;

/** A data row as staged from the file, with its parse error if it had one. */
public record StagedRow(long rowNumber, List<String> cells, String parseError) {

    public StagedRow {
        cells = List.copyOf(cells);
    }
}
