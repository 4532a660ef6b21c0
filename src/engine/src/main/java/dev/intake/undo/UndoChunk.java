package dev.intake.undo;

import java.util.UUID;

/**
 * A run of a batch's committed rows that one worker undoes under a lease; or, in a rollback's dry run, checks what a
 * rollback would do with them, writing nothing but that.
 */
public record UndoChunk(long id, UUID batchId, long firstRow, long lastRow, int attempts, boolean dryRun) {

    /** Where the chunk's row results go. */
    String results() {
        return dryRun ? "intake.import_undo_preview" : "intake.import_undo";
    }
}
