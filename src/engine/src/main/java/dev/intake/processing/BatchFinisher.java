package dev.intake.processing;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RunCounts;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Ends a batch whose chunks are all done: COMPLETED, PARTIAL_SUCCESS or FAILED, with its final counts; a dry run
 * ends READY or VALIDATION_FAILED. A file whose rows name records of its own later rows gets its {@link SecondPass}
 * first.
 */
@ApplicationScoped
public class BatchFinisher {

    @Inject
    BatchStore batches;

    @Inject
    ChunkStore chunks;

    @Inject
    WorkerIdentity worker;

    @Inject
    SecondPass secondPasses;

    @Inject
    SetDryRunLookups setDryRuns;

    @Inject
    Event<WorkQueued> workQueued;

    @Inject
    Clock clock;

    @Inject
    IntakeConfig config;

    /** Finishes the batch if its last chunk is done; true when it did. */
    public boolean finishIfDone(UUID batchId) {
        if (chunks.hasUnfinished(batchId)) {
            return false;
        }
        pauseForFaultInjection();
        boolean[] secondPass = new boolean[1];
        boolean finished = QuarkusTransaction.requiringNew().call(() -> {
            if (batches.lockProcessing(batchId).isEmpty() || chunks.hasUnfinished(batchId)) {
                return false;
            }
            ImportBatch batch = batches.find(batchId).orElseThrow();
            if (secondPasses.plan(batch) > 0) {
                secondPass[0] = true;
                return false;
            }
            setDryRuns.deferToTheSet(batch);
            RunCounts counts = chunks.counts(batchId);
            boolean dryRun = batch.dryRun();
            BatchStatus status = dryRun ? BatchStatus.dryRunOutcomeOf(counts.failed())
                    : BatchStatus.outcomeOf(counts.succeeded(), counts.failed());
            batches.finish(batchId, status, counts, clock.instant(), worker.name());
            return true;
        });
        if (secondPass[0]) {
            workQueued.fire(new WorkQueued(batchId));
        }
        return finished;
    }

    private void pauseForFaultInjection() {
        long pause = config.worker().finishDelay().toMillis();
        if (pause > 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Finishes batches whose last chunk's worker stopped before finishing them; true when there was one. */
    public boolean finishStragglers() {
        boolean any = false;
        for (UUID batchId : chunks.processingBatchesWithAllChunksDone()) {
            any |= finishIfDone(batchId);
        }
        return any;
    }
}
