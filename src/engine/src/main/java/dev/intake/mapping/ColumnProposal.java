package dev.intake.mapping;

import java.util.List;

/**
 * What the mapping step proposes for one column of a file.
 *
 * @param index the zero-based column index
 * @param letter the column's spreadsheet letters, such as {@code C}
 * @param header the column's header as the file has it
 * @param samples up to three of its non-blank values, from the first rows
 * @param reference the proposed field, or {@code null} when none is proposed (or the column is one of Intake's
 *        report columns, which are ignored)
 * @param ignored whether the column is not imported by choice (a remembered or saved mapping ignored it)
 * @param confidence from 0 to 1
 * @param reason why, for people: {@code exact label}, {@code alias "Company"}, {@code similar to "Email Address"
 *        (0.86)}
 */
public record ColumnProposal(int index, String letter, String header, List<String> samples, String reference,
        boolean ignored, double confidence, String reason) {

    public ColumnProposal {
        samples = List.copyOf(samples);
    }

    /** The column number people count, from 1. */
    public int number() {
        return index + 1;
    }

    ColumnProposal without(String why) {
        return new ColumnProposal(index, letter, header, samples, null, false, 0, why);
    }
}
