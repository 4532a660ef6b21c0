package dev.intake.processing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkersNotScheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes the files and rows of batches that ended more than {@code intake.retention.days} ago. The batch record
 * stays, with its counts, history and {@code purgedAt}; its downloads answer 410 Gone.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    private static final int BATCHES_PER_ROUND = 50;

    @Inject
    BatchStore batches;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${intake.retention.check-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = WorkersNotScheduled.class)
    void scheduled() {
        try {
            purgeDue();
        } catch (RuntimeException e) {
            LOG.error("Purging old batches failed. Will try again.", e);
        }
    }

    /** Purges every batch past its retention; returns how many. */
    public int purgeDue() {
        Instant cutOff = clock.instant().minus(Duration.ofDays(config.retention().days()));
        int purged = 0;
        while (true) {
            var due = batches.findToPurge(cutOff, BATCHES_PER_ROUND);
            for (UUID id : due) {
                if (QuarkusTransaction.requiringNew().call(() -> batches.purge(id, clock.instant()))) {
                    purged++;
                }
            }
            if (due.size() < BATCHES_PER_ROUND) {
                return purged;
            }
        }
    }
}
