package dev.intake.processing;

/**
 * What a row's transaction looked like at one moment: whether it can still commit, and how many writes
 * Hibernate holds for it. Compared before and after a failed row, it tells whether the row left anything behind.
 */
record WriteState(boolean active, int queuedWrites) {

    /**
     * Whether a failed row left the transaction as it found it: still able to commit, with no write queued. A row
     * whose state before or after is unknown ({@code null}) is taken to have spoilt it.
     */
    static boolean leftClean(WriteState before, WriteState after) {
        return before != null && after != null && after.active() && after.queuedWrites() == before.queuedWrites();
    }
}
