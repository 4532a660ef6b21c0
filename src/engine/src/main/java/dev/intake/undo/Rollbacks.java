package dev.intake.undo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.error.ConflictException;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.Undo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;

/**
 * Asks for the rollback of a finished import, and cancels one under way. A rollback is refused, saying why, for a dry
 * run, a batch that committed no row, a batch whose rows were purged, a template that declares no undo, and an admin
 * without the role its undo mutation requires.
 */
@ApplicationScoped
public class Rollbacks {

    @Inject
    BatchStore batches;

    @Inject
    UndoStore undos;

    @Inject
    TemplateCatalog templates;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<WorkQueued> workQueued;

    /** Why the batch cannot be rolled back now, or null when it can (its status aside). */
    public String refusal(ImportBatch batch) {
        if (batch.dryRun()) {
            return "Batch " + batch.id() + " is a dry run: it wrote nothing, so there is nothing to roll back";
        }
        if (batch.purgedAt() != null) {
            return "Batch " + batch.id() + "'s rows were deleted under the retention rule on " + batch.purgedAt()
                    + ", and what they wrote with them: it can no longer be rolled back";
        }
        Undo undo = templates.byName(batch.template()).map(template -> template.undo()).orElse(Undo.refused(
                "The template " + batch.template() + " is no longer offered, so its rows cannot be undone"));
        return undo.possible() ? null : undo.refusal();
    }

    /** Starts the rollback as the admin: workers undo the committed rows in chunks. */
    public void request(ImportBatch batch, Uploader admin, boolean force) {
        checkAllowed(batch, admin);
        QuarkusTransaction.requiringNew().run(() -> {
            // the chunks before the batch, as the workers lock them, so that neither waits on the other
            undos.lockChunks(batch.id());
            BatchStatus status = lockRollbackable(batch);
            if (undos.plan(batch.id(), config.worker().chunkSize()) == 0) {
                throw new ConflictException("id", "Batch " + batch.id() + " has no committed row left to undo");
            }
            batches.startRollback(batch.id(), status, admin, force, clock.instant());
        });
        workQueued.fire(new WorkQueued(batch.id()));
    }

    /**
     * Starts a rollback's dry run as the admin: workers check each committed row as a rollback would (reading the
     * record, and in-process running its undo in a transaction that is rolled back) and record what it would do,
     * writing nothing else. The batch's status stays; an earlier dry run is replaced.
     */
    public void preview(ImportBatch batch, Uploader admin, boolean force) {
        checkAllowed(batch, admin);
        QuarkusTransaction.requiringNew().run(() -> {
            undos.lockChunks(batch.id());
            lockRollbackable(batch);
            if (undos.planPreview(batch.id(), config.worker().chunkSize(), admin, force, clock.instant()) == 0) {
                throw new ConflictException("id", "Batch " + batch.id() + " has no committed row left to undo");
            }
        });
        workQueued.fire(new WorkQueued(batch.id()));
    }

    private void checkAllowed(ImportBatch batch, Uploader admin) {
        String refusal = refusal(batch);
        if (refusal != null) {
            throw new ConflictException("id", refusal);
        }
        ImportTemplate template = templates.byName(batch.template()).orElseThrow();
        Undo undo = template.undo();
        List<String> roles = new ArrayList<>(undo.requiredRoles());
        if (template.target() != null && template.requiredRole() != null) {
            // a remote target's import role guards its undo mutations as it guards its imports
            roles.add(template.requiredRole());
        }
        for (String role : roles) {
            if (!admin.hasRole(role)) {
                throw new ForbiddenException("Rolling back batch " + batch.id() + " runs " + undo.mutation()
                        .orElseThrow() + " for its rows, which requires the role " + role + "; your token lacks it");
            }
        }
    }

    /** Locks the batch's status, which must allow a rollback: a finished import with committed rows. */
    private BatchStatus lockRollbackable(ImportBatch batch) {
        BatchStatus status = batches.lockStatus(batch.id()).orElseThrow();
        if (!status.canMoveTo(BatchStatus.ROLLING_BACK)) {
            throw new ConflictException("id", "Batch " + batch.id() + " is " + status + "; only a finished import"
                    + " with committed rows (COMPLETED, PARTIAL_SUCCESS or PARTIALLY_ROLLED_BACK) can be rolled back");
        }
        return status;
    }

    /** Stops a rollback under way: rows undone stay undone, and the batch ends PARTIALLY_ROLLED_BACK. */
    public void cancel(ImportBatch batch, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            // waits for the rows being undone, holding their chunks, before locking the batch: a worker writing a
            // row's result needs the batch unlocked (its foreign key), and its next row needs the chunk
            undos.awaitRunning(batch.id());
            BatchStatus status = batches.lockStatus(batch.id()).orElseThrow();
            if (status != BatchStatus.ROLLING_BACK) {
                throw new ConflictException("id", "Batch " + batch.id() + " is " + status + ", not rolling back");
            }
            UndoCounts counts = undos.counts(batch.id());
            batches.endRollback(batch.id(), BatchStatus.rollbackOutcomeOf(counts.committed(), counts.undone()),
                    "Rollback cancelled by " + actor + ". " + RollbackFinisher.summary(counts), clock.instant(), actor);
        });
    }
}
