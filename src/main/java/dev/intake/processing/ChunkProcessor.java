package dev.intake.processing;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.hibernate.engine.spi.ActionQueue;
import org.hibernate.engine.spi.SessionImplementor;
import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.RowStore;
import dev.intake.batch.StagedRow;
import dev.intake.config.IntakeConfig;
import dev.intake.parsing.CellError;
import dev.intake.parsing.FileLayout;
import dev.intake.parsing.RowVariables;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs the rows of a chunk through the template's mutation, many rows per transaction.
 * <p>
 * The rows of a chunk run in one transaction, and each row's outcome is written in the same transaction as its
 * data. A row that fails cleanly (rejected before it wrote anything) is recorded and the others go on. A row
 * whose failure spoils the transaction is rolled back with it: the rows before it run again and commit, it is
 * recorded as failed, and the rows after it go on in a fresh transaction. A failure that cannot be pinned on
 * one row (a write failing at flush) splits the rows in halves until it can. Rows that already have an outcome
 * are never run again, so a chunk taken over after a crash finishes exactly once.
 */
@ApplicationScoped
public class ChunkProcessor {

    private static final Logger LOG = Logger.getLogger(ChunkProcessor.class);

    @Inject
    BatchStore batches;

    @Inject
    ChunkStore chunks;

    @Inject
    RowStore rows;

    @Inject
    OutcomeStore outcomes;

    @Inject
    TemplateCatalog templates;

    @Inject
    MutationInvoker invoker;

    @Inject
    TransactionManager transactions;

    @Inject
    EntityManager entityManager;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    /** Processes a claimed chunk to the end, unless its lease is lost to another worker. */
    public void process(Chunk chunk, String owner) {
        ImportBatch batch = batches.find(chunk.batchId()).orElseThrow();
        FileLayout layout = batches.layout(chunk.batchId()).orElseThrow();
        Optional<ImportTemplate> template = templates.byName(batch.template());
        List<PreparedRow> prepared = prepare(rows.withoutOutcome(chunk.batchId(), chunk.firstRow(), chunk.lastRow()),
                layout, template.isPresent(), batch.template());
        Deque<List<PreparedRow>> segments = new ArrayDeque<>();
        if (!prepared.isEmpty()) {
            segments.push(prepared);
        }
        try (MutationInvoker.RequestScope scope = invoker.openRequestScope()) {
            Run run = new Run(chunk, owner, template.orElse(null), layout, scope);
            while (!segments.isEmpty()) {
                if (!run.segment(segments.pop(), segments)) {
                    return;
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> chunks.markDone(chunk, clock.instant()));
    }

    private static List<PreparedRow> prepare(List<StagedRow> staged, FileLayout layout, boolean templateExists,
            String templateName) {
        RowVariables variables = new RowVariables(layout);
        List<PreparedRow> prepared = new ArrayList<>(staged.size());
        for (StagedRow row : staged) {
            prepared.add(prepare(row, variables, templateExists, templateName));
        }
        return prepared;
    }

    private static PreparedRow prepare(StagedRow row, RowVariables variables, boolean templateExists,
            String templateName) {
        if (row.parseError() != null) {
            return decided(row, RowOutcome.failed(row.rowNumber(), RowErrorType.PARSE, null, row.parseError()));
        }
        if (!templateExists) {
            return decided(row, RowOutcome.failed(row.rowNumber(), RowErrorType.INTERNAL, null, "Row " + row.rowNumber()
                    + ": the mutation " + templateName + " is no longer in the schema"));
        }
        RowVariables.Result result = variables.build(row.cells());
        if (!result.ok()) {
            CellError first = result.errors().get(0);
            String message = String.join("; ", result.errors().stream().map(error -> error.message(row.rowNumber())).toList());
            return decided(row, RowOutcome.failed(row.rowNumber(), RowErrorType.VALIDATION, first.column().reference(),
                    message));
        }
        return new PreparedRow(row.rowNumber(), result.variables(), null);
    }

    private static PreparedRow decided(StagedRow row, RowOutcome outcome) {
        return new PreparedRow(row.rowNumber(), null, outcome);
    }

    /** The state of processing one chunk. */
    private final class Run {
        private final Chunk chunk;
        private final String owner;
        private final ImportTemplate template;
        private final FileLayout layout;
        private final MutationInvoker.RequestScope scope;

        Run(Chunk chunk, String owner, ImportTemplate template, FileLayout layout, MutationInvoker.RequestScope scope) {
            this.chunk = chunk;
            this.owner = owner;
            this.template = template;
            this.layout = layout;
            this.scope = scope;
        }

        /**
         * Runs a segment of rows in one transaction. Pushes the segments still to run when it has to roll back;
         * returns false when the chunk's lease was lost.
         */
        boolean segment(List<PreparedRow> segment, Deque<List<PreparedRow>> remaining) {
            Attempt attempt;
            try {
                attempt = QuarkusTransaction.requiringNew().call(() -> attempt(segment));
            } catch (RolledBack e) {
                attempt = e.attempt;
            } catch (RuntimeException e) {
                if (segment.stream().allMatch(row -> row.decided() != null)) {
                    throw e;
                }
                attempt = Attempt.unattributable(DatabaseErrors.rowFault(e).orElseThrow(() -> e), e);
            }
            if (attempt.leaseLost) {
                LOG.warnf("Chunk %d of batch %s was taken over by another worker; leaving it", chunk.id(), chunk.batchId());
                return false;
            }
            if (attempt.poisonedAt >= 0) {
                int at = attempt.poisonedAt;
                List<PreparedRow> retry = new ArrayList<>(segment.subList(0, at + 1));
                retry.set(at, segment.get(at).decide(outcome(segment.get(at), attempt.failure)));
                if (at + 1 < segment.size()) {
                    remaining.push(segment.subList(at + 1, segment.size()));
                }
                remaining.push(retry);
            } else if (attempt.failure != null) {
                split(segment, attempt, remaining);
            }
            return true;
        }

        private void split(List<PreparedRow> segment, Attempt attempt, Deque<List<PreparedRow>> remaining) {
            if (segment.size() == 1) {
                LOG.debugf(attempt.cause, "Row %d of batch %s failed on its own", segment.get(0).rowNumber(),
                        chunk.batchId());
                remaining.push(List.of(segment.get(0).decide(outcome(segment.get(0), attempt.failure))));
                return;
            }
            int half = segment.size() / 2;
            remaining.push(segment.subList(half, segment.size()));
            remaining.push(segment.subList(0, half));
        }

        private Attempt attempt(List<PreparedRow> segment) {
            if (!chunks.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
                throw new RolledBack(Attempt.lostLease());
            }
            List<RowOutcome> written = new ArrayList<>(segment.size());
            for (int i = 0; i < segment.size(); i++) {
                PreparedRow row = segment.get(i);
                if (row.decided() != null) {
                    written.add(row.decided());
                    continue;
                }
                int queuedBefore = queuedWrites();
                MutationInvoker.Invocation invocation = invoke(row);
                if (invocation.ok()) {
                    written.add(RowOutcome.succeeded(row.rowNumber(), invocation.entityId()));
                    continue;
                }
                RowFailure failure = invocation.failure();
                if (!failure.ownFault()) {
                    throw new RolledBack(Attempt.unattributable(failure, null));
                }
                if (spoiled() || queuedWrites() != queuedBefore) {
                    throw new RolledBack(Attempt.poisoned(i, failure));
                }
                written.add(outcome(row, failure));
            }
            entityManager.flush();
            outcomes.insertAll(chunk.batchId(), written);
            return Attempt.committed();
        }

        private MutationInvoker.Invocation invoke(PreparedRow row) {
            try {
                return invoker.invoke(template, row.variables(), scope);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Row %d of batch %s failed outside its mutation", row.rowNumber(), chunk.batchId());
                return MutationInvoker.Invocation.failed(ExecutionErrors.ofException(e));
            }
        }

        private RowOutcome outcome(PreparedRow row, RowFailure failure) {
            return RowOutcome.failed(row.rowNumber(), failure.type(), failure.field(),
                    failure.message(row.rowNumber(), layout.templateColumns()));
        }

        private boolean spoiled() {
            try {
                return transactions.getStatus() != Status.STATUS_ACTIVE;
            } catch (SystemException e) {
                return true;
            }
        }

        private int queuedWrites() {
            ActionQueue queue = entityManager.unwrap(SessionImplementor.class).getActionQueue();
            return queue.numberOfInsertions() + queue.numberOfUpdates() + queue.numberOfDeletions()
                    + queue.numberOfCollectionCreations() + queue.numberOfCollectionUpdates()
                    + queue.numberOfCollectionRemovals();
        }
    }

    /** Thrown to roll a segment's transaction back, carrying what to do next. */
    private static final class RolledBack extends RuntimeException {
        private final transient Attempt attempt;

        RolledBack(Attempt attempt) {
            super(null, null, false, false);
            this.attempt = attempt;
        }
    }

    /** How one transaction over a segment ended. */
    private record Attempt(boolean leaseLost, int poisonedAt, RowFailure failure, Throwable cause) {

        static Attempt committed() {
            return new Attempt(false, -1, null, null);
        }

        static Attempt lostLease() {
            return new Attempt(true, -1, null, null);
        }

        static Attempt poisoned(int index, RowFailure failure) {
            return new Attempt(false, index, failure, null);
        }

        static Attempt unattributable(RowFailure failure, Throwable cause) {
            return new Attempt(false, -1, failure, cause);
        }
    }
}
