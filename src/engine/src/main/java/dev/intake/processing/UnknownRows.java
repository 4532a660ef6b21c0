package dev.intake.processing;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.RowAction;
import dev.intake.batch.RunCounts;
import dev.intake.batch.WorkQueued;
import dev.intake.error.ConflictException;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.WriteKind;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What an admin decides for a finished batch's rows whose outcome is unknown (OUTCOME_UNKNOWN), after checking them
 * in the target: send them again, accepting that a row the target did write is then written twice, or mark them
 * done, as rows the target wrote. Either is recorded in the batch's history with who did it and which rows.
 */
@ApplicationScoped
public class UnknownRows {

    /** What to do with the rows. */
    @org.eclipse.microprofile.graphql.Enum("IntakeUnknownRowAction")
    @org.eclipse.microprofile.graphql.Description("What to do with a finished batch's rows whose outcome is unknown")
    public enum Action {
        /** Run the rows again, as if they had never run: their batch goes back to PROCESSING. */
        SEND_AGAIN,
        /** Count the rows as imported; their outcome says who marked them. */
        MARK_DONE
    }

    @Inject
    BatchStore batches;

    @Inject
    ChunkStore chunks;

    @Inject
    OutcomeStore outcomes;

    @Inject
    TemplateCatalog templates;

    @Inject
    Clock clock;

    @Inject
    Event<WorkQueued> workQueued;

    /**
     * Acts on the batch's unknown rows, or only on {@code rows} of them when given; answers how many rows it acted on.
     */
    public int resolve(ImportBatch batch, Action action, List<Long> rows, String actor) {
        int[] count = new int[1];
        QuarkusTransaction.requiringNew().run(() -> {
            BatchStatus status = batches.lockStatus(batch.id()).orElseThrow();
            boolean ended = status == BatchStatus.PARTIAL_SUCCESS || status == BatchStatus.FAILED
                    || status == BatchStatus.CANCELLED && action == Action.MARK_DONE;
            if (!ended) {
                throw new ConflictException("id", "The batch is " + status + "; rows whose outcome is unknown can be "
                        + (action == Action.SEND_AGAIN ? "sent again once it has ended as PARTIAL_SUCCESS or FAILED"
                                : "marked done once it has ended as PARTIAL_SUCCESS, FAILED or CANCELLED"));
            }
            List<Long> unknown = outcomes.lockUnknown(batch.id(), rows);
            if (unknown.isEmpty()) {
                throw new ConflictException(rows == null ? "id" : "rows", rows == null
                        ? "No row of the batch has an unknown outcome"
                        : "None of the rows " + rows + " has an unknown outcome");
            }
            if (rows != null && unknown.size() < rows.size()) {
                List<Long> others = rows.stream().filter(row -> !unknown.contains(row)).toList();
                throw new ConflictException("rows", "Rows " + others + " have no unknown outcome; only such rows can"
                        + " be " + (action == Action.SEND_AGAIN ? "sent again" : "marked done"));
            }
            String which = describe(unknown);
            if (action == Action.MARK_DONE) {
                outcomes.markDone(batch.id(), unknown, rowAction(batch), "Marked done by " + actor);
                chunks.recount(batch.id(), unknown);
                RunCounts counts = chunks.counts(batch.id());
                BatchStatus next = status == BatchStatus.CANCELLED ? status
                        : BatchStatus.outcomeOf(counts.succeeded(), counts.failed());
                batches.recount(batch.id(), status, next, counts, "Marked " + which + " done, checked in the target by "
                        + actor, clock.instant(), actor);
            } else {
                outcomes.delete(batch.id(), unknown);
                chunks.reopenHolding(batch.id(), unknown);
                batches.reopen(batch.id(), status, "Sending " + which + " again, as " + actor + " asked, with their"
                        + " idempotency keys; a row the target wrote is written twice unless it honours the key or"
                        + " refuses the duplicate", clock.instant(), actor);
            }
            count[0] = unknown.size();
        });
        if (action == Action.SEND_AGAIN) {
            workQueued.fire(new WorkQueued(batch.id()));
        }
        return count[0];
    }

    private RowAction rowAction(ImportBatch batch) {
        return templates.byName(batch.template()).map(template -> template.writeKind() == WriteKind.CREATE
                ? RowAction.CREATED : template.writeKind() == WriteKind.UPDATE ? RowAction.UPDATED : null)
                .orElse(null);
    }

    /** The rows, as the history says them: {@code 3 rows (5, 9, 12)}, at most twenty numbers. */
    private static String describe(List<Long> rows) {
        String numbers = rows.size() <= 20 ? rows.toString()
                : rows.subList(0, 20).toString().replace("]", ", …]");
        return rows.size() + (rows.size() == 1 ? " row " : " rows ") + numbers.replace('[', '(').replace(']', ')')
                + " whose outcome was unknown";
    }
}
