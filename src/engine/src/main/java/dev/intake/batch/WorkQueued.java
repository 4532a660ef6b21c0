package dev.intake.batch;

import java.util.UUID;

/**
 * A batch has work for the workers, and the transaction that queued it has committed: fired in this instance
 * so that its workers start at once instead of at their next poll.
 */
public record WorkQueued(UUID batchId) {
}
