package dev.intake.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Skips the background jobs (the workers, retention, the probe of paused targets) when
 * {@code intake.worker.scheduled} is false, as in tests that run the worker themselves.
 */
@ApplicationScoped
public class WorkersNotScheduled implements Scheduled.SkipPredicate {

    @Inject
    IntakeConfig config;

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.worker().scheduled();
    }
}
