package dev.intake.batch;

import java.util.UUID;

/** A run of consecutive staged rows of one batch, claimed and processed as a unit of work. */
public record Chunk(long id, UUID batchId, long firstRow, long lastRow, int attempts) {
}
