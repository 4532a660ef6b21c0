package dev.intake.remote;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.WorkQueued;
import dev.intake.config.WorkersNotScheduled;
import dev.intake.security.Uploader;
import io.quarkus.scheduler.Scheduled;

/**
 * Asks the targets of batches paused until resumed (credentials refused, unreachable) whether they answer again, with
 * the smallest query there is ({@code { __typename }}) and the headers the batch's rows carry, and resumes the batches
 * they answer for.
 */
@ApplicationScoped
public class TargetProbe {

    private static final Logger LOG = Logger.getLogger(TargetProbe.class);

    @Inject
    BatchStore batches;

    @Inject
    RemoteTargets targets;

    @Inject
    RemoteSender sender;

    @Inject
    Event<WorkQueued> workQueued;

    @Scheduled(every = "${intake.worker.target-probe-interval:30s}", delayed = "${intake.worker.target-probe-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = WorkersNotScheduled.class)
    void probe() {
        Map<List<String>, Boolean> answered = new HashMap<>();
        for (BatchStore.PausedBatch batch : batches.pausedUntilResumed()) {
            int dot = batch.template().indexOf('.');
            String target = dot > 0 ? batch.template().substring(0, dot) : null;
            if (target == null || !targets.names().contains(target)) {
                continue;
            }
            Uploader uploader = new Uploader(batch.createdBy(), batch.createdByRoles(), batch.organisation());
            // asked as the batch's rows are, so that a refusal of this uploader is not taken for an answer
            boolean answers = answered.computeIfAbsent(List.of(target, uploader.user(), String.valueOf(
                    uploader.organisation())), key -> sender.answersProbe(target, uploader));
            if (answers && batches.resume(batch.id())) {
                LOG.infof("Batch %s resumed: target %s answers again", batch.id(), target);
                workQueued.fire(new WorkQueued(batch.id()));
            }
        }
    }
}
