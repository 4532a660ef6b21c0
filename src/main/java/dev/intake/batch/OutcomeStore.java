package dev.intake.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;

/** Per-row outcomes of batches. */
@ApplicationScoped
public class OutcomeStore {

    @Inject
    Jdbc jdbc;

    /**
     * Writes outcomes with one COPY, in the caller's transaction: a chunk's outcomes are a few hundred rows, and
     * COPY costs PostgreSQL markedly less per row than a multi-row insert.
     */
    public void insertAll(UUID batchId, List<RowOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        String batch = batchId.toString();
        StringBuilder text = new StringBuilder(outcomes.size() * 96);
        for (RowOutcome outcome : outcomes) {
            text.append(batch).append('\t').append(outcome.rowNumber()).append('\t')
                    .append(outcome.success() ? 't' : 'f').append('\t');
            CopyText.appendText(text, outcome.entityId());
            text.append('\t');
            CopyText.appendText(text, outcome.action() == null ? null : outcome.action().name());
            text.append('\t');
            CopyText.appendText(text, outcome.errorType() == null ? null : outcome.errorType().name());
            text.append('\t');
            CopyText.appendText(text, outcome.field());
            text.append('\t');
            CopyText.appendText(text, outcome.message());
            text.append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        jdbc.withConnection(connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        copy import_outcome (batch_id, row_number, success, entity_id, action, error_type, field, message)
                        from stdin
                        """, new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Forgets a dry run's outcomes, before the batch runs for real. */
    public void deleteAll(UUID batchId) {
        jdbc.update("delete from import_outcome where batch_id = ?", batchId);
    }

    /** Failed rows of a batch in row order, after a row number. */
    public List<RowOutcome> failures(UUID batchId, long afterRow, int limit) {
        return jdbc.list("""
                select row_number, success, entity_id, error_type, field, message from import_outcome
                where batch_id = ? and not success and row_number > ?
                order by row_number limit ?
                """, row -> new RowOutcome(row.getLong("row_number"), false, null, null,
                RowErrorType.valueOf(row.getString("error_type")), row.getString("field"), row.getString("message")),
                batchId, afterRow, limit);
    }
}
