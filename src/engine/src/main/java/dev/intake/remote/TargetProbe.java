package dev.intake.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.WorkQueued;
import dev.intake.config.WorkersNotScheduled;
import io.quarkus.scheduler.Scheduled;

/**
 * Asks the targets of batches paused until resumed (credentials refused, unreachable) whether they answer again, with
 * the smallest query there is ({@code { __typename }}), and resumes their batches when they do.
 */
@ApplicationScoped
public class TargetProbe {

    private static final Logger LOG = Logger.getLogger(TargetProbe.class);

    @Inject
    BatchStore batches;

    @Inject
    RemoteTargets targets;

    @Inject
    Event<WorkQueued> workQueued;

    @Scheduled(every = "${intake.worker.target-probe-interval:30s}", delayed = "${intake.worker.target-probe-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = WorkersNotScheduled.class)
    void probe() {
        Map<String, List<UUID>> paused = new TreeMap<>();
        for (Map.Entry<UUID, String> batch : batches.pausedUntilResumed()) {
            int dot = batch.getValue().indexOf('.');
            if (dot > 0) {
                paused.computeIfAbsent(batch.getValue().substring(0, dot), target -> new ArrayList<>()).add(batch.getKey());
            }
        }
        paused.forEach((target, ids) -> {
            if (targets.names().contains(target) && targets.answers(target)) {
                ids.forEach(id -> {
                    if (batches.resume(id)) {
                        LOG.infof("Batch %s resumed: target %s answers again", id, target);
                        workQueued.fire(new WorkQueued(id));
                    }
                });
            }
        });
    }
}
