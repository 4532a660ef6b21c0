package dev.intake.batch;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Per-row outcomes of batches. */
@ApplicationScoped
public class OutcomeStore {

    @Inject
    Jdbc jdbc;

    /** Writes outcomes in one batched statement, in the caller's transaction. */
    public void insertAll(UUID batchId, List<RowOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into import_outcome (batch_id, row_number, success, entity_id, action, error_type, field,
                        message)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                for (RowOutcome outcome : outcomes) {
                    insert.setObject(1, batchId);
                    insert.setLong(2, outcome.rowNumber());
                    insert.setBoolean(3, outcome.success());
                    insert.setString(4, outcome.entityId());
                    insert.setString(5, outcome.action() == null ? null : outcome.action().name());
                    insert.setString(6, outcome.errorType() == null ? null : outcome.errorType().name());
                    insert.setString(7, outcome.field());
                    insert.setString(8, outcome.message());
                    insert.addBatch();
                }
                return insert.executeBatch().length;
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
