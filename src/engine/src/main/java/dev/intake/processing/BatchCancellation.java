package dev.intake.processing;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.ImportBatch;
import dev.intake.error.ConflictException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stops a pending or running batch. Work in flight finishes its current transaction, and the rows committed by
 * then are counted; no further chunk starts, and the rest show as NOT_PROCESSED in the results file.
 */
@ApplicationScoped
public class BatchCancellation {

    @Inject
    BatchStore batches;

    @Inject
    ChunkStore chunks;

    @Inject
    Clock clock;

    public void cancel(ImportBatch batch, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            BatchStatus status = batches.lockStatus(batch.id()).orElseThrow();
            if (!status.canMoveTo(BatchStatus.CANCELLED)) {
                throw new ConflictException("id", "The batch is " + status + " and can no longer be cancelled");
            }
            chunks.awaitRunning(batch.id());
            batches.cancel(batch.id(), status, clock.instant(), actor);
        });
    }
}
