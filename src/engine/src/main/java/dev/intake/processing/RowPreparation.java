package dev.intake.processing;

import java.util.ArrayList;
import java.util.List;

import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.StagedRow;
import dev.intake.file.CellError;
import dev.intake.file.FileLayout;
import dev.intake.file.RowVariables;

/**
 * Turns a chunk's staged rows into the variables of their mutations, or decides before they run that they fail:
 * a row the reader could not read (PARSE), a cell its column does not accept (VALIDATION), or a template that is
 * no longer in the schema (INTERNAL).
 */
final class RowPreparation {

    private final RowVariables variables;
    private final boolean templateExists;
    private final String templateName;

    /**
     * @param templateExists whether the batch's template is still in the schema
     * @param templateName the template, for the message when it is not
     */
    RowPreparation(FileLayout layout, boolean templateExists, String templateName) {
        this.variables = new RowVariables(layout);
        this.templateExists = templateExists;
        this.templateName = templateName;
    }

    List<PreparedRow> prepare(List<StagedRow> staged) {
        List<PreparedRow> prepared = new ArrayList<>(staged.size());
        for (StagedRow row : staged) {
            prepared.add(prepare(row));
        }
        return prepared;
    }

    PreparedRow prepare(StagedRow row) {
        if (row.parseError() != null && row.problemField() != null) {
            return decided(row, RowOutcome.failed(row.rowNumber(), RowErrorType.VALIDATION, row.problemField(),
                    row.parseError()));
        }
        if (row.parseError() != null) {
            return decided(row, RowOutcome.failed(row.rowNumber(), RowErrorType.PARSE, null, row.parseError()));
        }
        if (!templateExists) {
            return decided(row, RowOutcome.failed(row.rowNumber(), RowErrorType.INTERNAL, null, "Row " + row.rowNumber()
                    + ": the mutation " + templateName + " is no longer in the schema"));
        }
        RowVariables.Result result = variables.build(row.cells());
        if (!result.ok()) {
            CellError first = result.errors().get(0);
            String message = String.join("; ", result.errors().stream().map(error -> error.message(row.rowNumber()))
                    .toList());
            return decided(row, RowOutcome.failed(row.rowNumber(), RowErrorType.VALIDATION, first.column().reference(),
                    message));
        }
        return new PreparedRow(row.rowNumber(), result.variables(), null);
    }

    private static PreparedRow decided(StagedRow row, RowOutcome outcome) {
        return new PreparedRow(row.rowNumber(), null, outcome);
    }
}
