package dev.intake.processing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
import dev.intake.batch.RowAction;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.RowStore;
import dev.intake.batch.StagedRow;
import dev.intake.config.IntakeConfig;
import dev.intake.error.ConstraintMessages;
import dev.intake.lookup.Lookups;
import dev.intake.parsing.CellError;
import dev.intake.parsing.FileLayout;
import dev.intake.parsing.RowVariables;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs the rows of a chunk through the template's mutation, many rows per transaction.
 * <p>
 * Each row's outcome is written in the same transaction as its data (a dry run rolls the data back and writes the
 * outcomes alone); {@link RowIsolation} decides which rows
 * share a transaction when some fail. A failed row is clean when it left the transaction active and queued no
 * write; otherwise it spoilt the transaction. Rows that already have an outcome are never run again, so a chunk
 * taken over after a crash finishes exactly once.
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

    @Inject
    Instance<ConstraintMessages> constraints;

    @Inject
    Lookups lookups;

    /** The domain's explanations of its constraints, all of them asked in turn. */
    private ConstraintMessages constraintMessages() {
        return constraint -> constraints.stream().map(messages -> messages.explain(constraint))
                .flatMap(Optional::stream).findFirst();
    }

    /** Processes a claimed chunk to the end, unless its lease is lost to another worker. */
    public void process(Chunk chunk, String owner) {
        ImportBatch batch = batches.find(chunk.batchId()).orElseThrow();
        FileLayout layout = batches.layout(chunk.batchId()).orElseThrow();
        Optional<ImportTemplate> template = templates.byName(batch.template());
        List<PreparedRow> prepared = prepare(rows.withoutOutcome(chunk.batchId(), chunk.firstRow(), chunk.lastRow()),
                layout, template.isPresent(), batch.template());
        boolean finished;
        Uploader uploader = new Uploader(batch.createdBy(), batch.createdByRoles(), batch.organisation());
        try (MutationInvoker.RequestScope scope = invoker.openRequestScope(uploader)) {
            Run run = new Run(chunk, owner, template.orElse(null), layout.templateColumns(), scope, batch.dryRun(),
                    batch.organisation());
            finished = RowIsolation.run(prepared, run::inTransaction,
                    (row, failure) -> RowOutcome.failed(row.rowNumber(), failure.type(), failure.field(),
                            failure.message(row.rowNumber(), layout.templateColumns())));
        }
        if (!finished) {
            LOG.infof("Chunk %d of batch %s was taken over by another worker, or the batch stopped; leaving it",
                    chunk.id(), chunk.batchId());
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> chunks.markDone(chunk, clock.instant(), owner));
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

    /** Runs segments of one chunk's rows, each in its own transaction. */
    private final class Run {
        private final Chunk chunk;
        private final String owner;
        private final ImportTemplate template;
        private final List<TemplateColumn> columns;
        private final MutationInvoker.RequestScope scope;
        private final boolean dryRun;
        private final String organisation;
        private final RowAction templateAction;

        Run(Chunk chunk, String owner, ImportTemplate template, List<TemplateColumn> columns,
                MutationInvoker.RequestScope scope, boolean dryRun, String organisation) {
            this.chunk = chunk;
            this.owner = owner;
            this.template = template;
            this.columns = columns;
            this.scope = scope;
            this.dryRun = dryRun;
            this.organisation = organisation;
            this.templateAction = template == null ? null : actionOf(template.action());
        }

        /** Create and add actions create, update actions update; others say nothing. */
        private static RowAction actionOf(String action) {
            if (action.startsWith("create") || action.startsWith("add")) {
                return RowAction.CREATED;
            }
            return action.startsWith("update") ? RowAction.UPDATED : null;
        }

        /**
         * Runs a segment in a new transaction. A database fault that no row is to blame for (a lost connection)
         * is thrown, so the chunk waits for its lease to run out and is retried.
         */
        Attempt inTransaction(List<PreparedRow> segment) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> attempt(segment));
            } catch (DryRunDone e) {
                QuarkusTransaction.requiringNew().run(() -> outcomes.insertAll(chunk.batchId(), e.outcomes));
                return Attempt.committed();
            } catch (RolledBack e) {
                return e.attempt;
            } catch (RuntimeException e) {
                if (segment.stream().allMatch(row -> row.decided() != null)) {
                    throw e;
                }
                return Attempt.unattributable(DatabaseErrors.rowFault(e, constraintMessages()).orElseThrow(() -> e));
            }
        }

        private Attempt attempt(List<PreparedRow> segment) {
            if (!chunks.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
                throw new RolledBack(Attempt.lostLease());
            }
            prefetchLookups(segment);
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
                    written.add(RowOutcome.succeeded(row.rowNumber(), invocation.entityId(), action(invocation)));
                    continue;
                }
                RowFailure failure = invocation.failure();
                if (!failure.ownFault()) {
                    throw new RolledBack(Attempt.unattributable(failure));
                }
                if (spoiled() || queuedWrites() != queuedBefore) {
                    throw new RolledBack(Attempt.poisoned(i, failure));
                }
                written.add(RowOutcome.failed(row.rowNumber(), failure.type(), failure.field(),
                        failure.message(row.rowNumber(), columns)));
            }
            entityManager.flush();
            if (dryRun) {
                throw new DryRunDone(written);
            }
            outcomes.insertAll(chunk.batchId(), written);
            return Attempt.committed();
        }

        /**
         * Resolves each lookup column's values for the whole segment in one query, so that the rows' own lookups
         * find them in the transaction's cache; values naming records that earlier rows create are left to the rows.
         */
        private void prefetchLookups(List<PreparedRow> segment) {
            for (TemplateColumn column : columns) {
                column.lookupEntityAndField().ifPresent(lookup -> {
                    List<String> path = column.path();
                    Set<String> values = new HashSet<>();
                    for (PreparedRow row : segment) {
                        if (row.decided() == null && valueAt(row.variables(), path) instanceof String value) {
                            values.add(value);
                        }
                    }
                    lookups.prefetch(lookup[0], lookup[1], organisation, values);
                });
            }
        }

        /** An upsert's result says whether it created the record; otherwise the template's action does. */
        private RowAction action(MutationInvoker.Invocation invocation) {
            if (invocation.created() != null) {
                return invocation.created() ? RowAction.CREATED : RowAction.UPDATED;
            }
            return templateAction;
        }

        private MutationInvoker.Invocation invoke(PreparedRow row) {
            try {
                return invoker.invoke(template, row.variables(), scope);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Row %d of batch %s failed outside its mutation", row.rowNumber(), chunk.batchId());
                return MutationInvoker.Invocation.failed(ExecutionErrors.ofException(e));
            }
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

    /**
     * Thrown at the end of a dry run's segment: everything its rows wrote is rolled back, and their outcomes are
     * written in a transaction of their own.
     */
    private static final class DryRunDone extends RuntimeException {
        private final transient List<RowOutcome> outcomes;

        DryRunDone(List<RowOutcome> outcomes) {
            super(null, null, false, false);
            this.outcomes = outcomes;
        }
    }

    private static Object valueAt(Map<String, Object> variables, List<String> path) {
        Object value = variables;
        for (String segment : path) {
            if (!(value instanceof Map<?, ?> level)) {
                return null;
            }
            value = level.get(segment);
        }
        return value;
    }

    /** Thrown to roll a segment's transaction back, carrying what to do next. */
    private static final class RolledBack extends RuntimeException {
        private final transient Attempt attempt;

        RolledBack(Attempt attempt) {
            super(null, null, false, false);
            this.attempt = attempt;
        }
    }
}
