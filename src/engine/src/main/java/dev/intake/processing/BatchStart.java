package dev.intake.processing;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.WorkQueued;
import dev.intake.db.StoreException;
import dev.intake.error.ConflictException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs a READY dry run for real, from the rows it already staged: its dry-run outcomes are forgotten, its chunks
 * reopened, and the worker takes it from there. Nothing is uploaded again.
 */
@ApplicationScoped
public class BatchStart {

    @Inject
    BatchStore batches;

    @Inject
    ChunkStore chunks;

    @Inject
    OutcomeStore outcomes;

    @Inject
    Clock clock;

    @Inject
    Event<WorkQueued> workQueued;

    public void start(ImportBatch batch, String actor) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                BatchStatus status = batches.lockStatus(batch.id()).orElseThrow();
                if (status != BatchStatus.READY) {
                    throw new ConflictException("id", "The batch is " + status + "; only a READY dry run can be started");
                }
                outcomes.deleteAll(batch.id());
                chunks.reopenAll(batch.id());
                batches.startForReal(batch.id(), clock.instant(), actor);
            });
            workQueued.fire(new WorkQueued(batch.id()));
        } catch (StoreException e) {
            if (BatchStore.isActiveContentTaken(e)) {
                throw new ConflictException("id", "The same file is already being imported with the template "
                        + batch.template() + "; wait for it to finish");
            }
            throw e;
        }
    }
}
