package dev.intake.batch;

import java.time.Instant;
import java.util.UUID;

/**
 * A batch moved from one status to another, in the transaction that fires this: observers that act on it observe it
 * after the transaction succeeds.
 *
 * @param ends whether the new status ends the batch (it has an end time)
 */
public record BatchStatusChanged(UUID batchId, BatchStatus from, BatchStatus to, Instant at, boolean ends) {
}
