package dev.intake.file;

import dev.intake.template.TemplateColumn;

/** A cell whose value the column does not accept. */
public record CellError(TemplateColumn column, String problem) {

    /** The message for a row's outcome: {@code Row 7, column Status (input/status): 'X' is not one of A, B}. */
    public String message(long rowNumber) {
        return "Row " + rowNumber + ", column " + column.label() + " (" + column.reference() + "): " + problem;
    }
}
