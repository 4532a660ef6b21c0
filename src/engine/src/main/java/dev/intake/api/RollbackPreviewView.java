package dev.intake.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.undo.UndoStore;

/** What a rollback of the batch would do with its rows, as its dry run found. */
@Type("IntakeRollbackPreview")
@Description("What a rollback of the batch would do with its rows, as its dry run found; the rollback dry run's file"
        + " says why for each row")
public record RollbackPreviewView(
        @NonNull @Description("The admin who asked for the dry run; the checks ran as them") String by,
        @Description("Whether it checked as a forced rollback: records changed since the import undone too") boolean force,
        @NonNull @Description("When it was asked for (ISO-8601)") String requestedAt,
        @Description("Whether it is still checking rows") boolean running,
        @Description("The rows a rollback would undo: those the import committed, less those undone already")
        long rows,
        @Description("Rows a rollback would undo") long undoneRows,
        @Description("Rows a rollback would keep, with why: changed since, gone, or referred to") long keptRows,
        @Description("Rows whose undo would fail, with why") long failedRows) {

    static RollbackPreviewView of(UndoStore.Preview preview) {
        return new RollbackPreviewView(preview.by(), preview.force(), preview.requestedAt().toString(),
                preview.running(), preview.counts().committed(), preview.counts().undone(), preview.counts().kept(),
                preview.counts().failed());
    }
}
