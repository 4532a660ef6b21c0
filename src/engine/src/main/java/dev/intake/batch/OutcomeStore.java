package dev.intake.batch;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import dev.intake.db.CopyBinary;
import dev.intake.db.Jdbc;

/** Per-row outcomes of batches. */
@ApplicationScoped
public class OutcomeStore {

    @Inject
    Jdbc jdbc;

    @Inject
    Event<OutcomesWritten> written;

    /** Below this many outcomes, one insert over arrays costs less than setting up a COPY. */
    private static final int FEW = 32;

    /** The images of a row that has none. */
    private static final OutcomeImage NO_IMAGE = new OutcomeImage(null, null, null);

    /**
     * Writes outcomes in the caller's transaction: with one binary COPY when they are many (a chunk's outcomes are a
     * few hundred rows, and COPY costs PostgreSQL markedly less per row than a multi-row insert), else with one insert
     * over arrays (a remote worker records the one or two rows each answer brings).
     */
    public void insertAll(UUID batchId, List<RowOutcome> outcomes) {
        insertAll(batchId, outcomes, Map.of());
    }

    /**
     * Writes outcomes as {@link #insertAll(UUID, List)} does, each with the images of its row, if it has any: one row
     * per committed row. An image whose row has no outcome among these is not written; the caller keeps it elsewhere.
     */
    public void insertAll(UUID batchId, List<RowOutcome> outcomes, Map<Long, OutcomeImage> images) {
        if (outcomes.isEmpty()) {
            return;
        }
        if (outcomes.size() < FEW) {
            List<Object> parameters = new java.util.ArrayList<>(List.of(batchId));
            parameters.addAll(List.of(OutcomeArrays.of(outcomes)));
            parameters.add(outcomes.stream().map(outcome -> image(images, outcome).before()).toArray(String[]::new));
            parameters.add(outcomes.stream().map(outcome -> image(images, outcome).after()).toArray(String[]::new));
            parameters.add(outcomes.stream().map(outcome -> image(images, outcome).input()).toArray(String[]::new));
            jdbc.update("""
                    insert into intake.import_outcome (batch_id, row_number, success, entity_id, action, error_type,
                        field, message, before, after, input)
                    select ?, o.row_number, o.success, o.entity_id, o.action, o.error_type, o.field, o.message,
                        cast(o.before as json), cast(o.after as json), cast(o.input as json)
                    from unnest(?::int[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[])
                        as o(row_number, success, entity_id, action, error_type, field, message, before, after, input)
                    """, parameters.toArray());
        } else {
            copy(batchId, outcomes, images);
        }
        written.fire(OutcomesWritten.of(batchId, outcomes));
    }


    private static OutcomeImage image(Map<Long, OutcomeImage> images, RowOutcome outcome) {
        return images.getOrDefault(outcome.rowNumber(), NO_IMAGE);
    }

    /** A json value's binary form in COPY is its text. */
    private void copy(UUID batchId, List<RowOutcome> outcomes, Map<Long, OutcomeImage> images) {
        jdbc.withConnection(connection -> {
            PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), """
                    copy intake.import_outcome (batch_id, row_number, success, entity_id, action, error_type, field, message,
                        before, after, input)
                    from stdin (format binary)
                    """);
            try {
                CopyBinary out = new CopyBinary(new DataOutputStream(new BufferedOutputStream(copy)));
                out.header();
                for (RowOutcome outcome : outcomes) {
                    OutcomeImage image = image(images, outcome);
                    out.row(11);
                    out.uuid(batchId);
                    out.int4(Math.toIntExact(outcome.rowNumber()));
                    out.bool(outcome.success());
                    out.text(outcome.entityId());
                    out.text(outcome.action() == null ? null : outcome.action().name());
                    out.text(outcome.errorType() == null ? null : outcome.errorType().name());
                    out.text(outcome.field());
                    out.text(outcome.message());
                    out.text(image.before());
                    out.text(image.after());
                    out.text(image.input());
                }
                out.trailer();
                return copy.endCopy();
            } catch (IOException e) {
                copy.cancelCopy();
                throw CopyBinary.failure(e);
            }
        });
    }

    /**
     * The rows of a batch whose outcome is OUTCOME_UNKNOWN, in row order, locked until the caller's transaction ends;
     * only those of {@code among} when it is given.
     */
    public List<Long> lockUnknown(UUID batchId, List<Long> among) {
        if (among == null) {
            return jdbc.list("""
                    select row_number from intake.import_outcome
                    where batch_id = ? and not success and error_type = 'OUTCOME_UNKNOWN'
                    order by row_number for update
                    """, row -> row.getLong(1), batchId);
        }
        return jdbc.list("""
                select row_number from intake.import_outcome
                where batch_id = ? and not success and error_type = 'OUTCOME_UNKNOWN' and row_number = any (?)
                order by row_number for update
                """, row -> row.getLong(1), batchId, among.stream().map(Math::toIntExact).toArray(Integer[]::new));
    }

    /** Records rows whose outcome was unknown as imported, with who said so; in the caller's transaction. */
    public void markDone(UUID batchId, List<Long> rows, RowAction action, String note) {
        jdbc.update("""
                update intake.import_outcome
                set success = true, error_type = null, field = null, action = ?,
                    message = ? || ' (' || coalesce(message, '') || ')'
                where batch_id = ? and row_number = any (?) and error_type = 'OUTCOME_UNKNOWN'
                """, action == null ? null : action.name(), note, batchId,
                rows.stream().map(Math::toIntExact).toArray(Integer[]::new));
    }

    /** Forgets the outcomes of rows that are to run again; in the caller's transaction. */
    public void delete(UUID batchId, List<Long> rows) {
        jdbc.update("delete from intake.import_outcome where batch_id = ? and row_number = any (?)", batchId,
                rows.stream().map(Math::toIntExact).toArray(Integer[]::new));
    }

    /** Forgets a dry run's outcomes, before the batch runs for real. */
    public void deleteAll(UUID batchId) {
        jdbc.update("delete from intake.import_outcome where batch_id = ?", batchId);
    }

    /** Failed rows of a batch in row order, after a row number. */
    public List<RowOutcome> failures(UUID batchId, long afterRow, int limit) {
        return jdbc.list("""
                select row_number, success, entity_id, error_type, field, message from intake.import_outcome
                where batch_id = ? and not success and row_number > ?
                order by row_number limit ?
                """, row -> new RowOutcome(row.getLong("row_number"), false, null, null,
                RowErrorType.valueOf(row.getString("error_type")), row.getString("field"), row.getString("message")),
                batchId, afterRow, limit);
    }

    /**
     * The records a batch's rows created or updated (only those of one action when given), by row, after a row number:
     * rows a rollback undid are left out.
     */
    public List<ImportedRecord> records(UUID batchId, RowAction action, long afterRow, int limit) {
        return jdbc.list("""
                select o.row_number, o.entity_id, o.action from intake.import_outcome o
                where o.batch_id = ? and o.success and o.entity_id is not null and o.row_number > ?
                  and (cast(? as text) is null or o.action = ?)
                  and not exists (select 1 from intake.import_undo u where u.batch_id = o.batch_id
                                  and u.row_number = o.row_number and u.result = 'UNDONE')
                order by o.row_number limit ?
                """, row -> new ImportedRecord(row.getLong("row_number"), row.getString("entity_id"),
                row.getString("action") == null ? null : RowAction.valueOf(row.getString("action"))),
                batchId, afterRow, action, action, limit);
    }
}
