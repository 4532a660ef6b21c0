package dev.intake.undo;

import java.util.UUID;

/** A run of a batch's committed rows that one worker undoes under a lease. */
public record UndoChunk(long id, UUID batchId, long firstRow, long lastRow, int attempts) {
}
