package dev.intake.processing;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.RowStore;
import dev.intake.batch.RunSettings;
import dev.intake.file.FileLayout;
import dev.intake.security.Uploader;
import dev.intake.target.RowExecutor;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs the rows of a claimed chunk through the template's mutation, as the uploader, many rows per transaction.
 * <p>
 * Each row's outcome is written in the same transaction as its data ({@link SegmentTransactions});
 * {@link RowIsolation} decides which rows share a transaction when some fail, and {@link SegmentRun} runs them. Rows
 * that already have an outcome are never run again, so a chunk taken over after a crash finishes exactly once.
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
    TemplateCatalog templates;

    @Inject
    RowExecutor executor;

    @Inject
    SegmentRuns segmentRuns;

    @Inject
    SegmentTransactions transactions;

    @Inject
    RemoteChunks remoteChunks;

    @Inject
    Clock clock;

    /** Processes a claimed chunk to the end, unless its lease is lost to another worker. */
    public void process(Chunk chunk, String owner) {
        RunSettings batch = batches.runSettings(chunk.batchId()).orElseThrow();
        FileLayout layout = batch.layout();
        Optional<ImportTemplate> template = templates.byName(batch.template());
        List<PreparedRow> prepared = new RowPreparation(layout, template.isPresent(), batch.template())
                .prepare(rows.withoutOutcome(chunk.batchId(), chunk.firstRow(), chunk.lastRow()));
        if (template.isPresent() && template.get().remote()) {
            if (remoteChunks.run(chunk, owner, batch, template.get(), prepared)) {
                QuarkusTransaction.requiringNew().run(() -> chunks.markDone(chunk, clock.instant(), owner));
            }
            return;
        }
        boolean finished;
        try (RowSession session = executor.open(new Uploader(batch.createdBy(), batch.createdByRoles(),
                batch.organisation()))) {
            SegmentRun run = segmentRuns.of(batch, template.orElse(null), session, chunk.batchId());
            finished = RowIsolation.run(prepared,
                    segment -> transactions.run(chunk, owner, batch.dryRun(), segment, run::run),
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
}
