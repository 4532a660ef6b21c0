package dev.intake.processing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.RowAction;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.RowStore;
import dev.intake.batch.RunSettings;
import dev.intake.config.IntakeConfig;
import dev.intake.error.ConstraintMessages;
import dev.intake.file.FileLayout;
import dev.intake.file.LookupPolicy;
import dev.intake.graphql.MutationInvoker;
import dev.intake.lookup.Lookups;
import dev.intake.preload.RecordPreloader;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RecordCreator;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import dev.intake.template.WriteKind;
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
    TransactionWrites writes;

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

    @Inject
    Instance<RecordPreloader> preloaders;

    /** The domain's explanations of its constraints, all of them asked in turn. */
    private ConstraintMessages constraintMessages() {
        return constraint -> constraints.stream().map(messages -> messages.explain(constraint))
                .flatMap(Optional::stream).findFirst();
    }

    /** Processes a claimed chunk to the end, unless its lease is lost to another worker. */
    public void process(Chunk chunk, String owner) {
        RunSettings batch = batches.runSettings(chunk.batchId()).orElseThrow();
        FileLayout layout = batch.layout();
        Optional<ImportTemplate> template = templates.byName(batch.template());
        List<PreparedRow> prepared = new RowPreparation(layout, template.isPresent(), batch.template())
                .prepare(rows.withoutOutcome(chunk.batchId(), chunk.firstRow(), chunk.lastRow()));
        boolean finished;
        Uploader uploader = new Uploader(batch.createdBy(), batch.createdByRoles(), batch.organisation());
        try (MutationInvoker.RequestScope scope = invoker.openRequestScope(uploader)) {
            Run run = new Run(chunk, owner, template.orElse(null), layout, scope, batch.dryRun(),
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
        private final int rowsPerOperation;
        private final LookupPrefetch prefetch;
        private final LookupPolicies policies;

        Run(Chunk chunk, String owner, ImportTemplate template, FileLayout layout,
                MutationInvoker.RequestScope scope, boolean dryRun, String organisation) {
            this.chunk = chunk;
            this.owner = owner;
            this.template = template;
            this.columns = layout.templateColumns();
            this.scope = scope;
            this.dryRun = dryRun;
            this.organisation = organisation;
            this.templateAction = template == null ? null : actionOf(template.writeKind());
            this.rowsPerOperation = Math.max(1, config.worker().rowsPerOperation());
            this.prefetch = new LookupPrefetch(lookups, columns, organisation);
            this.policies = new LookupPolicies(layout, lookups, organisation, this::creator);
        }

        /** The create mutation of the records a lookup column refers to, when the schema still has one. */
        private Optional<RecordCreator> creator(TemplateColumn column) {
            return lookups.target(column.lookup().entity(), column.lookup().field()).flatMap(target -> {
                try {
                    return Optional.of(RecordCreator.find(templates.all(organisation), target.idType(),
                            column.lookup().field()));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Batch %s: %s; its rows fail as under the lookup policy fail", chunk.batchId(),
                            e.getMessage());
                    return Optional.empty();
                }
            });
        }

        /** Create templates create, update templates update; others say nothing unless the result does. */
        private static RowAction actionOf(WriteKind kind) {
            return switch (kind) {
                case CREATE -> RowAction.CREATED;
                case UPDATE -> RowAction.UPDATED;
                case UPSERT, OTHER -> null;
            };
        }

        /**
         * Runs a segment in a new transaction. A database fault that no row is to blame for (a lost connection)
         * is thrown, so the chunk waits for its lease to run out and is retried.
         */
        Attempt inTransaction(List<PreparedRow> segment) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> attempt(segment));
            } catch (DryRunDone e) {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!holdLease()) {
                        return Attempt.lostLease();
                    }
                    outcomes.insertAll(chunk.batchId(), e.outcomes);
                    return Attempt.committed();
                });
            } catch (RolledBack e) {
                return e.attempt;
            } catch (RuntimeException e) {
                if (segment.stream().allMatch(row -> row.decided() != null)) {
                    throw e;
                }
                return Attempt.unattributable(DatabaseErrors.rowFault(e, constraintMessages()).orElseThrow(() -> e));
            }
        }

        /** Holds the chunk's lease for this transaction; false when it was lost or the batch stopped. */
        private boolean holdLease() {
            return chunks.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()));
        }

        private Attempt attempt(List<PreparedRow> segment) {
            if (!holdLease()) {
                throw new RolledBack(Attempt.lostLease());
            }
            prefetch.prefetch(segment);
            preload(segment);
            List<RowOutcome> written = new ArrayList<>(segment.size());
            int next = 0;
            while (next < segment.size()) {
                List<Integer> group = new ArrayList<>();
                for (; next < segment.size() && group.size() < rowsPerOperation; next++) {
                    if (segment.get(next).decided() != null) {
                        written.add(segment.get(next).decided());
                    } else if (policies.acting() && !policies.allMatch(segment.get(next))) {
                        run(segment, group, written);
                        group.clear();
                        runWithPolicies(segment, next, written);
                    } else {
                        group.add(next);
                    }
                }
                run(segment, group, written);
            }
            entityManager.flush();
            // Everything is written: the commit need not check every record the chunk held once more.
            entityManager.clear();
            if (dryRun) {
                throw new DryRunDone(written);
            }
            outcomes.insertAll(chunk.batchId(), written);
            return Attempt.committed();
        }

        /** Lets the domain load, in one query, the records the segment's rows will find by ID or key. */
        private void preload(List<PreparedRow> segment) {
            if (template == null) {
                return;
            }
            List<Map<String, Object>> variables = segment.stream().filter(row -> row.decided() == null)
                    .map(PreparedRow::variables).toList();
            if (variables.isEmpty()) {
                return;
            }
            for (RecordPreloader preloader : preloaders) {
                if (preloader.mutations().contains(template.name())) {
                    preloader.preload(template.name(), organisation, variables);
                }
            }
        }

        /**
         * Runs a group of the segment's rows (indices into it), in one operation when the template allows, and
         * records each row's outcome; throws {@link RolledBack} when a row's failure spoilt the transaction.
         */
        private void run(List<PreparedRow> segment, List<Integer> group, List<RowOutcome> written) {
            if (group.isEmpty()) {
                return;
            }
            if (group.size() == 1 || !template.operation().nullableResult()) {
                for (int index : group) {
                    WriteState before = writes.now();
                    Invocation invocation = invoke(template, segment.get(index).rowNumber(), segment.get(index).variables());
                    record(segment, index, invocation, before, writes.now(), written, List.of());
                }
                return;
            }
            WriteState[] starts = new WriteState[group.size() + 1];
            starts[0] = writes.now();
            Optional<List<Invocation>> invocations = invokeAll(segment, group, row -> {
                if (row > 0 && row < group.size()) {
                    starts[row] = writes.now();
                }
            });
            if (invocations.isEmpty()) {
                for (int index : group) {
                    run(segment, List.of(index), written);
                }
                return;
            }
            starts[group.size()] = writes.now();
            for (int k = 0; k < group.size(); k++) {
                record(segment, group.get(k), invocations.get().get(k), starts[k], starts[k + 1], written, List.of());
            }
        }

        /**
         * Runs a row whose lookup cell matches no record under a policy that acts: decided now, after the rows before
         * it, it runs alone, without the fields {@code blank} leaves out and after creating the records
         * {@code create} names. A row that created a record and then failed spoils the transaction, so nothing is
         * created for a row that does not import.
         */
        private void runWithPolicies(List<PreparedRow> segment, int index, List<RowOutcome> written) {
            PreparedRow row = segment.get(index);
            LookupPolicies.Decision decision = policies.decide(row);
            WriteState before = writes.now();
            List<String> notes = new ArrayList<>(decision.notes());
            boolean createdAny = false;
            for (LookupPolicies.Creation creation : decision.creations()) {
                if (policies.lockAndMatch(creation)) {
                    continue;
                }
                Invocation created = invoke(creation.creator().template(), row.rowNumber(),
                        creation.creator().variables(creation.value()));
                if (!created.ok()) {
                    RowFailure failure = new RowFailure(created.failure().type(), creation.column().reference(),
                            "could not create " + creation.noun() + " '" + creation.value() + "' ("
                                    + LookupPolicy.CREATE.phrase() + "): " + created.failure().detail(),
                            created.failure().ownFault());
                    if (createdAny && failure.ownFault()) {
                        throw new RolledBack(Attempt.poisoned(index, failure));
                    }
                    record(segment, index, Invocation.failed(failure), before, writes.now(), written, List.of());
                    return;
                }
                notes.add(creation.note());
                createdAny = true;
            }
            Invocation invocation = invoke(template, row.rowNumber(), decision.variables());
            if (!invocation.ok() && createdAny && invocation.failure().ownFault()) {
                throw new RolledBack(Attempt.poisoned(index, policies.explain(invocation.failure())));
            }
            record(segment, index, invocation, before, writes.now(), written, notes);
        }

        /**
         * Records a row's outcome. A failed row is clean when the transaction was still active after it and it left
         * no write queued. A failed row whose state before or after is unknown is taken to have spoilt the
         * transaction: its failure is recorded and the other rows run again in fresh transactions, so nothing it
         * may have written is kept.
         */
        private void record(List<PreparedRow> segment, int index, Invocation invocation,
                WriteState before, WriteState after, List<RowOutcome> written, List<String> notes) {
            PreparedRow row = segment.get(index);
            if (invocation.ok()) {
                written.add(RowOutcome.succeeded(row.rowNumber(), invocation.entityId(), action(invocation),
                        notes.isEmpty() ? null : String.join("; ", notes)));
                return;
            }
            RowFailure failure = policies.explain(invocation.failure());
            if (!failure.ownFault()) {
                throw new RolledBack(Attempt.unattributable(failure));
            }
            if (!WriteState.leftClean(before, after)) {
                throw new RolledBack(Attempt.poisoned(index, failure));
            }
            written.add(RowOutcome.failed(row.rowNumber(), failure.type(), failure.field(),
                    failure.message(row.rowNumber(), columns)));
        }

        /** An upsert's result says whether it created the record; otherwise the template's action does. */
        private RowAction action(Invocation invocation) {
            if (invocation.created() != null) {
                return invocation.created() ? RowAction.CREATED : RowAction.UPDATED;
            }
            return templateAction;
        }

        private Invocation invoke(ImportTemplate mutation, long rowNumber, Map<String, Object> variables) {
            try {
                return Invocation.of(invoker.invoke(mutation, variables, scope));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Row %d of batch %s failed outside its mutation", rowNumber, chunk.batchId());
                return Invocation.failed(ExecutionErrors.ofException(e));
            }
        }

        private Optional<List<Invocation>> invokeAll(List<PreparedRow> segment, List<Integer> group,
                IntConsumer rowStarts) {
            List<Map<String, Object>> variables = new ArrayList<>(group.size());
            for (int index : group) {
                variables.add(segment.get(index).variables());
            }
            try {
                return invoker.invokeAll(template, variables, scope, rowStarts)
                        .map(results -> results.stream().map(Invocation::of).toList());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Rows of batch %s failed outside their mutations", chunk.batchId());
                throw new RolledBack(Attempt.unattributable(ExecutionErrors.ofException(e)));
            }
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

    /** Thrown to roll a segment's transaction back, carrying what to do next. */
    private static final class RolledBack extends RuntimeException {
        private final transient Attempt attempt;

        RolledBack(Attempt attempt) {
            super(null, null, false, false);
            this.attempt = attempt;
        }
    }
}
