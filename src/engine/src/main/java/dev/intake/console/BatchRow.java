package dev.intake.console;

import java.time.Instant;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;

/**
 * One batch as a row of the console's import history: the stored counts, a status badge, and the progress of a
 * batch that is still running.
 *
 * @param live whether the batch may still change, so that its row keeps polling
 * @param cancellable whether it can still be cancelled (pending, running, waiting for mapping or a ready dry run)
 * @param startable whether it is a dry run that ended READY and can run for real
 * @param purged whether its files were deleted under the retention rule
 * @param mapping whether it waits in MAPPING for a person to map its columns
 * @param rollbackable whether it is an import with committed rows that can be rolled back (its template permitting)
 * @param rolledBack whether it was ever rolled back, so that it has a rollback results file
 */
public record BatchRow(String id, String template, String filename, String emailRecord, BatchStatus status,
        String statusWord, String badge, Instant startedAt, Instant endedAt, String createdBy, long successCount,
        long errorCount, long processedRows, Integer totalRows, int percent, boolean live, boolean dryRun,
        boolean cancellable, boolean startable, boolean purged, boolean mapping, boolean rollbackable,
        boolean rolledBack) {

    private static final java.util.Set<BatchStatus> ROLLBACK_STATUSES = java.util.EnumSet.of(BatchStatus.ROLLING_BACK,
            BatchStatus.ROLLED_BACK, BatchStatus.PARTIALLY_ROLLED_BACK);

    static BatchRow of(ImportBatch batch) {
        int percent = batch.totalRows() == null || batch.totalRows() == 0 ? 0
                : (int) Math.min(100, batch.processedRows() * 100 / batch.totalRows());
        return new BatchRow(batch.id().toString(), batch.template(), batch.filename(), batch.emailRecord(),
                batch.status(), paused(batch) ? (batch.pause().until() == null ? "Paused" : "Waiting")
                        : word(batch.status()), paused(batch) ? "warn" : badge(batch.status()), batch.startedAt(),
                batch.endedAt(),
                batch.createdBy(), batch.successCount(), batch.errorCount(), batch.processedRows(), batch.totalRows(),
                percent, batch.status().isActive() || batch.status() == BatchStatus.ROLLING_BACK, batch.dryRun(),
                batch.status().canMoveTo(BatchStatus.CANCELLED) || batch.status() == BatchStatus.ROLLING_BACK,
                batch.dryRun() && batch.status() == BatchStatus.READY, batch.purgedAt() != null,
                batch.status() == BatchStatus.MAPPING,
                !batch.dryRun() && batch.purgedAt() == null && batch.status().canMoveTo(BatchStatus.ROLLING_BACK),
                ROLLBACK_STATUSES.contains(batch.status()));
    }

    /** Whether a running batch waits for its remote target. */
    private static boolean paused(ImportBatch batch) {
        return batch.pause() != null && batch.status() == BatchStatus.PROCESSING;
    }

    /** The batch's own address in the console. */
    public String base() {
        return "/console/imports/" + id;
    }

    public String successText() {
        return grouped(successCount);
    }

    public String errorText() {
        return grouped(errorCount);
    }

    /** How far a running batch is, such as {@code 31,000 of 150,000 rows}. */
    public String progressText() {
        return grouped(processedRows) + " of " + (totalRows == null ? "?" : grouped(totalRows)) + " rows";
    }

    private static String grouped(long number) {
        return String.format(java.util.Locale.ROOT, "%,d", number);
    }

    /** The status as people read it. */
    static String word(BatchStatus status) {
        return switch (status) {
            case PENDING -> "Pending";
            case VALIDATING -> "Validating";
            case MAPPING -> "Needs mapping";
            case PROCESSING -> "Running";
            case READY -> "Ready to start";
            case COMPLETED -> "Completed";
            case PARTIAL_SUCCESS -> "Partly imported";
            case FAILED -> "Failed";
            case VALIDATION_FAILED -> "File refused";
            case CANCELLED -> "Cancelled";
            case ROLLING_BACK -> "Rolling back";
            case ROLLED_BACK -> "Rolled back";
            case PARTIALLY_ROLLED_BACK -> "Partly rolled back";
        };
    }

    /** The badge's style: what kind of state it is, so that colour repeats what the word says. */
    static String badge(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> "ok";
            case PARTIAL_SUCCESS, MAPPING, READY, PARTIALLY_ROLLED_BACK -> "warn";
            case FAILED, VALIDATION_FAILED -> "bad";
            case PENDING, VALIDATING, PROCESSING, ROLLING_BACK -> "busy";
            case CANCELLED, ROLLED_BACK -> "quiet";
        };
    }
}
