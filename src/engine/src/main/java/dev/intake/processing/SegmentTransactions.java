package dev.intake.processing;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.OutcomeImage;
import dev.intake.batch.OutcomeStore;
import dev.intake.config.IntakeConfig;
import dev.intake.db.NewTransaction;
import dev.intake.error.ConstraintMessages;
import dev.intake.undo.ImageStore;
import dev.intake.undo.RowImage;

/**
 * Runs each segment of a chunk's rows in a transaction of its own, under the chunk's lease: the rows' data and their
 * outcomes commit together, or nothing does. A dry run's data is rolled back, and its outcomes are written alone. A
 * database fault that no row is to blame for (a lost connection) is thrown, so the chunk waits for its lease to run
 * out and is retried.
 */
@ApplicationScoped
class SegmentTransactions {

    @Inject
    NewTransaction transaction;

    @Inject
    ChunkStore chunks;

    @Inject
    OutcomeStore outcomes;

    @Inject
    TransactionWrites writes;

    @Inject
    ImageStore images;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Inject
    Instance<ConstraintMessages> constraints;

    /** Runs the segment's rows in a new transaction, and how the transaction ended. */
    Attempt run(Chunk chunk, String owner, boolean dryRun, List<PreparedRow> segment,
            Function<List<PreparedRow>, SegmentResult> rows) {
        SegmentResult result;
        try {
            result = transaction.run(() -> {
                if (!holdLease(chunk, owner)) {
                    return NewTransaction.Ending.rollBack(SegmentResult.rollBack(Attempt.lostLease()));
                }
                SegmentResult ran = rows.apply(segment);
                if (!ran.commits()) {
                    return NewTransaction.Ending.rollBack(ran);
                }
                writes.flushAndClear();
                if (dryRun) {
                    return NewTransaction.Ending.rollBack(ran);
                }
                writeOutcomes(chunk, ran);
                return NewTransaction.Ending.commit(ran);
            });
        } catch (RuntimeException e) {
            if (segment.stream().allMatch(row -> row.decided() != null)) {
                throw e;
            }
            return Attempt.unattributable(DatabaseErrors.rowFault(e, constraintMessages()).orElseThrow(() -> e));
        }
        if (!result.commits()) {
            return result.rollback();
        }
        return dryRun ? writeDryRunOutcomes(chunk, owner, result) : Attempt.committed();
    }

    /**
     * The segment's outcomes, each with its row's images in the same row; an image whose row has no outcome (none
     * is expected) is kept in the images' own table rather than lost.
     */
    private void writeOutcomes(Chunk chunk, SegmentResult ran) {
        Map<Long, OutcomeImage> byRow = new HashMap<>();
        for (RowImage image : ran.images().get()) {
            byRow.put(image.rowNumber(), new OutcomeImage(image.before(), image.after(), image.input()));
        }
        outcomes.insertAll(chunk.batchId(), ran.outcomes(), byRow);
        Set<Long> written = new HashSet<>();
        ran.outcomes().forEach(outcome -> written.add(outcome.rowNumber()));
        List<RowImage> orphans = ran.images().get().stream().filter(image -> !written.contains(image.rowNumber()))
                .toList();
        images.insertAll(chunk.batchId(), orphans);
    }

    /** A dry run's outcomes, in a transaction of their own once its rows' data is rolled back. */
    private Attempt writeDryRunOutcomes(Chunk chunk, String owner, SegmentResult result) {
        return transaction.run(() -> {
            if (!holdLease(chunk, owner)) {
                return NewTransaction.Ending.rollBack(Attempt.lostLease());
            }
            outcomes.insertAll(chunk.batchId(), result.outcomes());
            return NewTransaction.Ending.commit(Attempt.committed());
        });
    }

    /** Holds the chunk's lease for this transaction; false when it was lost or the batch stopped. */
    private boolean holdLease(Chunk chunk, String owner) {
        return chunks.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()));
    }

    /** The domain's explanations of its constraints, all of them asked in turn. */
    private ConstraintMessages constraintMessages() {
        return constraint -> constraints.stream().map(messages -> messages.explain(constraint))
                .flatMap(Optional::stream).findFirst();
    }
}
