package dev.intake.processing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.StatusChangedException;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import dev.intake.file.UnreadableFileException;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The worker's file-level step of a batch (VALIDATING): claims a pending batch, decides how its columns map to the
 * template and stages its rows in one transaction ({@link FileStaging}). A file that fails its checks ends
 * VALIDATION_FAILED with nothing staged.
 */
@ApplicationScoped
public class FileValidation {

    private static final Duration STAGING_TIMEOUT = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(FileValidation.class);

    /** How a batch of a set ends when the batches that wait for it are not run. */
    private static final java.util.Set<BatchStatus> NOT_RUN_AFTER = java.util.EnumSet.of(BatchStatus.FAILED,
            BatchStatus.VALIDATION_FAILED, BatchStatus.CANCELLED, BatchStatus.ROLLING_BACK, BatchStatus.ROLLED_BACK,
            BatchStatus.PARTIALLY_ROLLED_BACK);

    @Inject
    BatchStore batches;

    @Inject
    TemplateCatalog templates;

    @Inject
    FileStaging staging;

    @Inject
    IntakeConfig config;

    @Inject
    WorkerIdentity worker;

    @Inject
    Clock clock;

    @Inject
    Event<WorkQueued> workQueued;

    /** Claims and validates the next pending batch; false when there is none. */
    public boolean validateNext(String owner) {
        Optional<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> batches.claimForValidation(owner,
                clock.instant(), clock.instant().plus(config.worker().lease())));
        claimed.ifPresent(this::validate);
        return claimed.isPresent();
    }

    private void validate(UUID id) {
        ImportBatch batch = batches.find(id).orElseThrow();
        Optional<String> blocked = blocker(batch);
        if (blocked.isPresent()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> batches.stop(id, BatchStatus.VALIDATING,
                        BatchStatus.CANCELLED, blocked.get(), clock.instant(), worker.name()));
            } catch (StatusChangedException e) {
                LOG.infof("Batch %s changed status before it could be cancelled", id);
            }
            return;
        }
        Optional<ImportTemplate> template = templates.byName(batch.template(), batch.organisation());
        if (template.isEmpty()) {
            fail(id, "The template " + batch.template() + " is no longer in the schema; nothing was imported");
            return;
        }
        try {
            boolean queued = QuarkusTransaction.requiringNew().timeout((int) STAGING_TIMEOUT.toSeconds())
                    .call(() -> staging.stage(batch, template.get()));
            if (queued) {
                // The other workers of this instance found nothing while this one staged, and stopped: without
                // this they would wait for the scheduler's next tick, up to a second, leaving a core idle.
                workQueued.fire(new WorkQueued(id));
            }
        } catch (UnreadableFileException e) {
            fail(id, sentence(e.getMessage()) + " Nothing was imported.");
        } catch (StatusChangedException e) {
            LOG.infof("Batch %s changed status while its file was validated (cancelled); nothing was staged", id);
        }
    }

    /**
     * Why a batch of a set does not run: a batch whose records it refers to ended without importing any (failed, its
     * file refused, cancelled or rolled back). A dry run of a set checks every file whatever the others found.
     */
    private Optional<String> blocker(ImportBatch batch) {
        if (batch.dryRun()) {
            return Optional.empty();
        }
        for (java.util.UUID waited : batches.waitsFor(batch.id())) {
            ImportBatch before = batches.find(waited).orElseThrow();
            if (NOT_RUN_AFTER.contains(before.status())) {
                return Optional.of("Not run: it refers to records of " + before.filename() + " (batch " + before.id()
                        + "), which ended " + before.status() + ". Fix that file and upload the set again, or upload"
                        + " this file on its own.");
            }
        }
        return Optional.empty();
    }

    /** Ends a message with a full stop unless it already ends a sentence. */
    static String sentence(String message) {
        return message.matches("(?s).*[.?!]$") ? message : message + ".";
    }

    private void fail(UUID id, String message) {
        try {
            QuarkusTransaction.requiringNew().run(() -> batches.failValidation(id, message, clock.instant(),
                    worker.name()));
        } catch (StatusChangedException e) {
            LOG.infof("Batch %s changed status while its file was validated (cancelled)", id);
        }
    }
}
