package dev.intake.undo;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.config.WorkerIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Ends a rollback whose chunks are all done: ROLLED_BACK when every committed row was undone, PARTIALLY_ROLLED_BACK
 * with its counts otherwise.
 */
@ApplicationScoped
public class RollbackFinisher {

    @Inject
    BatchStore batches;

    @Inject
    UndoStore undos;

    @Inject
    WorkerIdentity worker;

    @Inject
    Clock clock;

    /** Ends the rollback if its last chunk is done; true when it did. */
    public boolean finishIfDone(UUID batchId) {
        if (undos.hasUnfinished(batchId)) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            if (batches.lockStatus(batchId).orElse(null) != BatchStatus.ROLLING_BACK || undos.hasUnfinished(batchId)) {
                return false;
            }
            UndoCounts counts = undos.counts(batchId);
            BatchStatus status = BatchStatus.rollbackOutcomeOf(counts.committed(), counts.undone());
            batches.endRollback(batchId, status, summary(counts), clock.instant(), worker.name());
            return true;
        });
    }

    /** Ends rollbacks whose last chunk's worker stopped before ending them; true when there was one. */
    public boolean finishStragglers() {
        boolean any = false;
        for (UUID batchId : undos.rollingBackWithAllChunksDone()) {
            any |= finishIfDone(batchId);
        }
        return any;
    }

    /** What the rollback did, for the batch's message. */
    static String summary(UndoCounts counts) {
        if (counts.undone() >= counts.committed()) {
            return "Rolled back: " + counts.undone() + " of " + counts.committed() + " committed rows undone";
        }
        return "Partly rolled back: " + counts.undone() + " of " + counts.committed() + " committed rows undone, "
                + counts.kept() + " kept, " + counts.failed() + " failed"
                + (counts.done() < counts.committed() ? ", " + (counts.committed() - counts.done()) + " not reached"
                        : "")
                + "; the rollback results file says why for each row";
    }
}
