package dev.intake.console;

import java.util.List;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;

/**
 * A batch's retries on its page: the batch it retries, the batches that retry it, and how many of its failed rows
 * they imported since.
 *
 * @param parent the batch this one retries, or {@code null}
 * @param children its retries, oldest first
 * @param resolvedCount of its failed rows, those a retry imported since
 * @param retryable whether an admin can retry its failed rows now
 */
public record BatchFamily(BatchRow parent, List<BatchRow> children, long resolvedCount, long failedCount,
        boolean retryable) {

    static BatchFamily of(ImportBatch batch, ImportBatch parent, List<ImportBatch> children, long resolvedCount) {
        boolean ended = batch.status() == BatchStatus.PARTIAL_SUCCESS || batch.status() == BatchStatus.FAILED
                || batch.status() == BatchStatus.CANCELLED;
        long left = batch.errorCount() - batch.unknownCount() - resolvedCount;
        return new BatchFamily(parent == null ? null : BatchRow.of(parent),
                children.stream().map(BatchRow::of).toList(), resolvedCount, batch.errorCount(),
                ended && !batch.dryRun() && batch.purgedAt() == null && left > 0);
    }

    /** Whether the page has anything to say about retries. */
    public boolean any() {
        return parent != null || !children.isEmpty() || retryable;
    }

    /** How many failed rows the retries imported, such as {@code 2 of 3 failed rows imported since by its retries}. */
    public String resolvedText() {
        return String.format(java.util.Locale.ROOT, "%,d of %,d failed %s imported since by %s.", resolvedCount,
                failedCount, failedCount == 1 ? "row" : "rows", children.size() == 1 ? "its retry" : "its retries");
    }
}
