package dev.intake.processing;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.RunSettings;
import dev.intake.config.IntakeConfig;
import dev.intake.db.NewTransaction;
import dev.intake.remote.RemoteSender;
import dev.intake.security.Uploader;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import dev.intake.undo.ImageStore;
import dev.intake.undo.RecordImages;

/**
 * Keeps the images of the records a remote chunk's rows write, for a later rollback, as the in-process segments do
 * in their transaction. Before any row of the chunk is sent, the records its updates name are read through the
 * target's read query and committed; a row sent again after a crash keeps the image read before it was first sent.
 * Once every row of the chunk has its outcome, the records the rows wrote are read and kept too, before the chunk is
 * marked done: a worker that dies in between leaves the chunk to another, which reads them then.
 */
@ApplicationScoped
class RemoteImages {

    @Inject
    RemoteSender sender;

    @Inject
    ImageStore images;

    @Inject
    ChunkStore chunks;

    @Inject
    NewTransaction transaction;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    /** Whether the batch's rows keep images: a real run of a template that declares a read. */
    boolean kept(RunSettings batch, ImportTemplate template) {
        return !batch.dryRun() && config.rollback().keepImages() && RecordImages.kept(template.undo());
    }

    /** Reads and commits the records the rows name before they are sent; false when the chunk's lease was lost. */
    boolean before(Chunk chunk, String owner, ImportTemplate template, Uploader uploader,
            Collection<PreparedRow> rows) {
        if (!(template.undo().readsBefore() || template.undo().needsInput()) || rows.isEmpty()) {
            return true;
        }
        Map<Long, Map<String, Object>> variables = new LinkedHashMap<>();
        rows.forEach(row -> variables.put(row.rowNumber(), row.variables()));
        Map<Long, Map<String, Object>> before;
        Map<Long, Map<String, Object>> inputs;
        try (RowSession session = sender.session(template.target(), uploader)) {
            RecordImages reader = reader(template, session);
            before = reader.before(variables);
            inputs = reader.inputs(variables);
        }
        return transaction.run(() -> {
            if (!chunks.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()))) {
                return NewTransaction.Ending.rollBack(false);
            }
            images.keepBefore(chunk.batchId(), before, inputs);
            return NewTransaction.Ending.commit(true);
        });
    }

    /** Reads and keeps the records of the chunk's written rows that have no image after yet. */
    void after(Chunk chunk, ImportTemplate template, Uploader uploader) {
        if (template.undo().reading().isEmpty()) {
            return;
        }
        Map<Long, String> written = transaction.run(() -> NewTransaction.Ending.commit(images.withoutAfter(
                chunk.batchId(), chunk.firstRow(), chunk.lastRow())));
        if (written.isEmpty()) {
            return;
        }
        List<dev.intake.undo.RowImage> after;
        try (RowSession session = sender.session(template.target(), uploader)) {
            after = reader(template, session).after(written, Map.of(), Map.of(), Map.of());
        }
        transaction.run(() -> {
            images.keepAfter(chunk.batchId(), after);
            return NewTransaction.Ending.commit(true);
        });
    }

    private RecordImages reader(ImportTemplate template, RowSession session) {
        return new RecordImages(template.undo(), session, config.worker().rowsPerOperation());
    }
}
