package dev.intake.target;

import java.util.List;

import dev.intake.batch.RowErrorType;
import dev.intake.template.TemplateColumn;

/**
 * Why a row's mutation failed, in Intake's terms: what a target's {@link ErrorClassifier} makes of its errors.
 *
 * @param type the row error type
 * @param field the template reference at fault, or {@code null}
 * @param detail what went wrong, without the row
 * @param ownFault whether the failure is certainly this row's own; a database error surfacing during a row may
 *        come from an earlier row's pending write, so it is not
 */
public record RowFailure(RowErrorType type, String field, String detail, boolean ownFault) {

    /** The message for the row's outcome, naming the row and, when known, the column. */
    public String message(long rowNumber, List<TemplateColumn> columns) {
        if (field != null) {
            for (TemplateColumn column : columns) {
                if (column.reference().equals(field)) {
                    return "Row " + rowNumber + ", column " + column.label() + " (" + field + "): " + detail;
                }
            }
            return "Row " + rowNumber + ", field " + field + ": " + detail;
        }
        return "Row " + rowNumber + ": " + detail;
    }
}
