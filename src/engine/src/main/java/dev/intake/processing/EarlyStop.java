package dev.intake.processing;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RunCounts;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stops a batch whose first rows nearly all fail: the file is likely wrong, and running the rest would only
 * produce more of the same errors. Checked once per batch, when its first rows (1,000 by default) are done.
 * Rows already committed stay committed and are counted; the rest show as NOT_PROCESSED.
 */
@ApplicationScoped
public class EarlyStop {

    @Inject
    BatchStore batches;

    @Inject
    ChunkStore chunks;

    @Inject
    IntakeConfig config;

    @Inject
    WorkerIdentity worker;

    @Inject
    Clock clock;

    /** Checks the batch once enough rows are done; true when it stopped the batch. */
    public boolean checkAfterChunk(UUID batchId) {
        if (batches.earlyStopChecked(batchId)) {
            return false;
        }
        IntakeConfig.EarlyStop rule = config.earlyStop();
        RunCounts counts = chunks.counts(batchId);
        long done = counts.succeeded() + counts.failed();
        if (done < rule.firstRows() || !batches.markEarlyStopChecked(batchId)) {
            return false;
        }
        if (counts.failed() * 100 < (long) rule.failurePercent() * done) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            if (batches.lockStatus(batchId).orElseThrow() != BatchStatus.PROCESSING) {
                return false;
            }
            chunks.awaitRunning(batchId);
            ImportBatch batch = batches.find(batchId).orElseThrow();
            RunCounts now = chunks.counts(batchId);
            batches.stop(batchId, BatchStatus.PROCESSING, batch.dryRun() ? BatchStatus.VALIDATION_FAILED
                    : BatchStatus.FAILED, message(batch, now), clock.instant(), worker.name());
            return true;
        });
    }

    private static String message(ImportBatch batch, RunCounts counts) {
        long done = counts.succeeded() + counts.failed();
        return "Stopped early: " + counts.failed() + " of the first " + done + " rows failed ("
                + Math.round(100.0 * counts.failed() / Math.max(1, done)) + "%), so the file is likely wrong. Check that "
                + "it was made from the " + batch.template() + " template, that each column holds what its header says, "
                + "and the first errors in the exceptions file. The " + counts.succeeded()
                + " rows that succeeded stay imported; the rest were not run.";
    }
}
