package dev.intake.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.imports.ImportService;

/** What a batch's rollback did with the rows the import committed. */
@Type("IntakeRollback")
@Description("What a batch's rollback did with the rows the import committed")
public record RollbackView(
        @NonNull @Description("The admin who asked for the rollback; the undo mutations ran as them") String by,
        @Description("Whether records changed since the import are undone too") boolean force,
        @Description("The rows the import committed, which the rollback undoes") long committedRows,
        @Description("Rows undone: the record a row created is deleted") long undoneRows,
        @Description("Rows whose record stays, with why: it no longer exists, or other records refer to it")
        long keptRows,
        @Description("Rows whose undo failed, with why (in the rollback results file)") long failedRows) {

    static RollbackView of(ImportService.RollbackState state) {
        return new RollbackView(state.by(), state.force(), state.counts().committed(), state.counts().undone(),
                state.counts().kept(), state.counts().failed());
    }
}
