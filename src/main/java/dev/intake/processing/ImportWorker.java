package dev.intake.processing;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * The background worker: validates pending files, then claims chunks and runs their rows, until no work is
 * left. All coordination is in PostgreSQL, so any number of workers and instances can run side by side.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    @Inject
    FileValidator validator;

    @Inject
    ChunkStore chunks;

    @Inject
    ChunkProcessor processor;

    @Inject
    BatchFinisher finisher;

    @Inject
    WorkerIdentity identity;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${intake.worker.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = WorkerNotScheduled.class)
    void poll() {
        drain();
    }

    /** Works until nothing is left to do. A failure is logged and never stops the worker. */
    public void drain() {
        try {
            while (runOnce()) {
                // keep going while there is work
            }
        } catch (RuntimeException e) {
            LOG.error("Unhandled exception in the import worker. Will keep running.", e);
        }
    }

    /** Does one unit of work; false when there was none. */
    public boolean runOnce() {
        if (validator.validateNext(identity.name())) {
            return true;
        }
        Optional<Chunk> chunk = QuarkusTransaction.requiringNew().call(() -> chunks.claimNext(identity.name(),
                clock.instant(), clock.instant().plus(config.worker().lease())));
        if (chunk.isPresent()) {
            processor.process(chunk.get(), identity.name());
            finisher.finishIfDone(chunk.get().batchId());
            return true;
        }
        return finisher.finishStragglers();
    }

    /** Skips scheduled runs when {@code intake.worker.scheduled} is false. */
    @ApplicationScoped
    public static class WorkerNotScheduled implements Scheduled.SkipPredicate {

        @Inject
        IntakeConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.worker().scheduled();
        }
    }
}
