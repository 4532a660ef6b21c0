package dev.intake.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/**
 * Rows on their way to a remote target ({@code SENDING}): marked before their request leaves, unmarked in the
 * transaction that writes their outcome. A marked row with no outcome was in flight when its worker died.
 */
@ApplicationScoped
public class SendingStore {

    @Inject
    Jdbc jdbc;

    @Inject
    Event<OutcomesWritten> outcomesWritten;

    /** A row about to be sent, with its idempotency key. */
    public record Sending(long rowNumber, String idempotencyKey) {
    }

    /**
     * Marks rows as sent now, in the caller's transaction. A row still marked from an attempt whose answer was lost,
     * and which is sent again (with its key, or after its natural key found nothing), is marked anew.
     */
    public void mark(UUID batchId, List<Sending> rows, String worker, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into intake.import_sending (batch_id, row_number, idempotency_key, started_at, sent_by)
                select ?, r.row_number, r.idempotency_key, ?, ?
                from unnest(?::int[], ?::text[]) as r (row_number, idempotency_key)
                on conflict (batch_id, row_number) do update
                set started_at = excluded.started_at, sent_by = excluded.sent_by
                """, batchId, now, worker, rows.stream().map(row -> Math.toIntExact(row.rowNumber()))
                        .toArray(Integer[]::new), rows.stream().map(Sending::idempotencyKey).toArray(String[]::new));
    }

    /** See {@link #leaseRecordAndMark}. */
    private static final String LEASE_RECORD_AND_MARK = """
            with batch as (
                select id from intake.import_batch where id = ? and status = 'PROCESSING' for key share
            ), lease as (
                update intake.import_chunk c set lease_expires_at = ?
                from batch b
                where c.id = ? and c.lease_owner = ? and c.attempts = ? and c.status = 'RUNNING' and c.batch_id = b.id
                returning c.id
            ), gone as (
                delete from intake.import_sending
                where batch_id = ? and row_number = any (?::int[]) and row_number <> all (?::int[])
                  and exists (select 1 from lease)
            ), recorded as (
                insert into intake.import_outcome
                    (batch_id, row_number, success, entity_id, action, error_type, field, message)
                select ?, o.* from OUTCOMES o
                where exists (select 1 from lease)
            ), sending as (
                insert into intake.import_sending (batch_id, row_number, idempotency_key, started_at, sent_by)
                select ?, r.row_number, r.idempotency_key, ?, ?
                from unnest(?::int[], ?::text[]) as r (row_number, idempotency_key)
                where exists (select 1 from lease)
                on conflict (batch_id, row_number) do update
                set started_at = excluded.started_at, sent_by = excluded.sent_by
            )
            select count(*) from lease
            """.replace("OUTCOMES", OutcomeArrays.UNNEST);

    /**
     * In one statement, in the caller's transaction, and only while the worker holds the chunk's lease (the chunk
     * running under {@code owner} and {@code attempts}, its batch processing): extends the lease, writes the outcomes
     * answered, unmarks their rows, and marks the next rows as sent now. One round trip, since a remote worker does
     * this before each request it sends; false, and nothing written, when the lease is no longer the worker's.
     */
    public boolean leaseRecordAndMark(Chunk chunk, String owner, Instant leaseUntil, List<RowOutcome> written,
            List<Long> unmark, List<Sending> marks, Instant now) {
        Integer[] marked = marks.stream().map(row -> Math.toIntExact(row.rowNumber())).toArray(Integer[]::new);
        List<Object> parameters = new ArrayList<>(List.of(chunk.batchId(), leaseUntil, chunk.id(), owner,
                chunk.attempts(), chunk.batchId(), unmark.stream().map(Math::toIntExact).toArray(Integer[]::new), marked,
                chunk.batchId()));
        parameters.addAll(List.of(OutcomeArrays.of(written)));
        parameters.addAll(List.of(chunk.batchId(), now, owner, marked,
                marks.stream().map(Sending::idempotencyKey).toArray(String[]::new)));
        boolean held = jdbc.first(LEASE_RECORD_AND_MARK, row -> row.getInt(1) == 1, parameters.toArray()).orElse(false);
        if (held && !written.isEmpty()) {
            outcomesWritten.fire(OutcomesWritten.of(chunk.batchId(), written));
        }
        return held;
    }

    /** The marked rows of a range and when each was last sent. */
    public java.util.Map<Long, Instant> markedAt(UUID batchId, long firstRow, long lastRow) {
        java.util.Map<Long, Instant> marked = new java.util.TreeMap<>();
        jdbc.list("""
                select row_number, started_at from intake.import_sending
                where batch_id = ? and row_number between ? and ?
                """, row -> marked.put(row.getLong(1), row.getTimestamp(2).toInstant()), batchId, firstRow, lastRow);
        return marked;
    }

    /** Unmarks rows, in the caller's transaction: their outcome is written, or they were certainly not sent. */
    public void unmark(UUID batchId, List<Long> rowNumbers) {
        if (rowNumbers.isEmpty()) {
            return;
        }
        jdbc.update("delete from intake.import_sending where batch_id = ? and row_number = any (?)", batchId,
                rowNumbers.stream().map(Math::toIntExact).toArray(Integer[]::new));
    }

    /** The marked rows of a range: those a worker was sending when it stopped. */
    public List<Long> marked(UUID batchId, long firstRow, long lastRow) {
        return jdbc.list("""
                select row_number from intake.import_sending where batch_id = ? and row_number between ? and ?
                order by row_number
                """, row -> row.getLong(1), batchId, firstRow, lastRow);
    }
}
