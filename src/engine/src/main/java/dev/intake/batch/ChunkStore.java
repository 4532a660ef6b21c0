package dev.intake.batch;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/** Chunks of work: runs of consecutive staged rows that workers claim under a lease. */
@ApplicationScoped
public class ChunkStore {

    @Inject
    Jdbc jdbc;

    @Inject
    ServedTargets served;

    /** Writes a batch's chunks, in the order of the plan; returns how many. */
    public int insert(UUID batchId, ChunkPlan plan) {
        return jdbc.update("""
                insert into intake.import_chunk (batch_id, seq, first_row, last_row, row_count, status)
                select ?, c.position - 1, c.first_row, c.last_row, c.row_count, 'PENDING'
                from unnest(?, ?, ?) with ordinality as c(first_row, last_row, row_count, position)
                """, batchId, plan.firstRows(), plan.lastRows(), plan.rowCounts());
    }

    /**
     * Claims the next chunk of a processing batch: one never claimed, or one whose worker's lease ran out.
     * Batches take turns: chunks go in order of their position within their batch, so the first chunks of a
     * batch uploaded while a large one runs go before the large one's remaining chunks.
     */
    public Optional<Chunk> claimNext(String owner, Instant now, Instant leaseUntil) {
        return jdbc.first("""
                update intake.import_chunk set status = 'RUNNING', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1
                where id = (
                    select c.id from intake.import_chunk c
                    join intake.import_batch b on b.id = c.batch_id and b.status = 'PROCESSING'
                        and (b.paused_until is null or b.paused_until <= ?)
                        and """ + ServedTargets.CLAIMABLE + """
                    where c.status = 'PENDING' or (c.status = 'RUNNING' and c.lease_expires_at < ?)
                    order by c.seq, b.created_at
                    limit 1
                    for update of c skip locked)
                returning id, batch_id, first_row, last_row, attempts
                """, row -> new Chunk(row.getLong("id"), Jdbc.uuid(row, "batch_id"), row.getLong("first_row"),
                row.getLong("last_row"), row.getInt("attempts")), owner, leaseUntil, now, served.names(), now);
    }

    /** Gives a claimed chunk back to the queue before it is done, such as when its batch pauses. */
    public void release(Chunk chunk, String owner) {
        jdbc.update("""
                update intake.import_chunk set status = 'PENDING', lease_owner = null, lease_expires_at = null
                where id = ? and lease_owner = ? and attempts = ? and status = 'RUNNING'
                """, chunk.id(), owner, chunk.attempts());
    }

    /** Marks a chunk done with its counts, taken from the outcomes of its rows, and the instance that did it. */
    public void markDone(Chunk chunk, Instant now, String owner) {
        jdbc.update("""
                update intake.import_chunk set status = 'DONE', finished_at = ?, processed_by = ?, lease_owner = null,
                    lease_expires_at = null,
                    success_count = o.succeeded, error_count = o.failed, created_count = o.created,
                    updated_count = o.updated, unknown_count = o.unknown
                from (select count(*) filter (where success) as succeeded, count(*) filter (where not success) as failed,
                             count(*) filter (where action = 'CREATED') as created,
                             count(*) filter (where action = 'UPDATED') as updated,
                             count(*) filter (where error_type = 'OUTCOME_UNKNOWN') as unknown
                      from intake.import_outcome where batch_id = ? and row_number between ? and ?) o
                where id = ?
                """, now, owner, chunk.batchId(), chunk.firstRow(), chunk.lastRow(), chunk.id());
    }

    /**
     * Extends a claimed chunk's lease, locking the chunk until the caller's transaction ends; false when another
     * worker has taken the chunk over or the batch is no longer processing (it was cancelled). A claim is told apart
     * by its attempt, so a worker of the same instance that took the chunk over after the lease ran out is another
     * worker too.
     * <p>
     * It also takes a key-share lock on the batch until the transaction ends. A cancellation locks the batch for
     * update, so it waits for every transaction that already holds its lease to commit, and a transaction that asks
     * after the cancellation took its lock waits for it, then sees the batch cancelled and runs nothing. The counts
     * a cancellation takes are therefore final.
     */
    public boolean holdLease(Chunk chunk, String owner, Instant leaseUntil) {
        return jdbc.update("""
                with batch as (
                    select id from intake.import_batch where id = ? and status = 'PROCESSING' for key share
                )
                update intake.import_chunk c set lease_expires_at = ?
                from batch b
                where c.id = ? and c.lease_owner = ? and c.attempts = ? and c.status = 'RUNNING' and c.batch_id = b.id
                """, chunk.batchId(), leaseUntil, chunk.id(), owner, chunk.attempts()) == 1;
    }

    /** Waits for the transactions working on the batch's running chunks to end, by locking those chunks. */
    public void awaitRunning(UUID batchId) {
        jdbc.list("select id from intake.import_chunk where batch_id = ? and status = 'RUNNING' for update",
                row -> row.getLong("id"), batchId);
    }

    /**
     * Whether any chunk of the batch is not done yet. Asked after every chunk, so it stops at the first open chunk
     * (the partial index {@code import_chunk_unfinished_idx} holds only those) instead of counting them all.
     */
    public boolean hasUnfinished(UUID batchId) {
        return jdbc.first("""
                select exists (select 1 from intake.import_chunk where batch_id = ? and status <> 'DONE') as open
                """, row -> row.getBoolean("open"), batchId).orElse(false);
    }

    /** Batches still PROCESSING whose chunks are all done; normally finished by their last chunk's worker. */
    public java.util.List<UUID> processingBatchesWithAllChunksDone() {
        return jdbc.list("""
                select b.id from intake.import_batch b
                where b.status = 'PROCESSING'
                  and not exists (select 1 from intake.import_chunk c where c.batch_id = b.id and c.status <> 'DONE')
                """, row -> Jdbc.uuid(row, "id"));
    }

    /** Summed counts of a batch's done chunks. */
    public RunCounts counts(UUID batchId) {
        return jdbc.first("""
                select coalesce(sum(success_count), 0) as succeeded, coalesce(sum(error_count), 0) as failed,
                       coalesce(sum(created_count), 0) as created, coalesce(sum(updated_count), 0) as updated,
                       coalesce(sum(unknown_count), 0) as unknown
                from intake.import_chunk where batch_id = ? and status = 'DONE'
                """, row -> new RunCounts(row.getLong("succeeded"), row.getLong("failed"), row.getLong("created"),
                row.getLong("updated"), row.getLong("unknown")), batchId).orElseThrow();
    }

    /** Counts again, from their rows' outcomes, the done chunks that hold any of the rows. */
    public void recount(UUID batchId, java.util.List<Long> rows) {
        jdbc.update("""
                update intake.import_chunk c set
                    success_count = o.succeeded, error_count = o.failed, created_count = o.created,
                    updated_count = o.updated, unknown_count = o.unknown
                from (select c2.id,
                             count(*) filter (where o.success) as succeeded, count(*) filter (where not o.success) as failed,
                             count(*) filter (where o.action = 'CREATED') as created,
                             count(*) filter (where o.action = 'UPDATED') as updated,
                             count(*) filter (where o.error_type = 'OUTCOME_UNKNOWN') as unknown
                      from intake.import_chunk c2
                      join intake.import_outcome o on o.batch_id = c2.batch_id
                          and o.row_number between c2.first_row and c2.last_row
                      where c2.batch_id = ? and exists (select 1 from unnest(?::int[]) r
                                                        where r between c2.first_row and c2.last_row)
                      group by c2.id) o
                where c.id = o.id and c.status = 'DONE'
                """, batchId, rows.stream().map(Math::toIntExact).toArray(Integer[]::new));
    }

    /** Puts the chunks that hold any of the rows back to be run again; their other rows keep their outcomes. */
    public void reopenHolding(UUID batchId, java.util.List<Long> rows) {
        jdbc.update("""
                update intake.import_chunk set status = 'PENDING', lease_owner = null, lease_expires_at = null,
                    finished_at = null, success_count = 0, error_count = 0, created_count = 0, updated_count = 0,
                    unknown_count = 0
                where batch_id = ? and exists (select 1 from unnest(?::int[]) r where r between first_row and last_row)
                """, batchId, rows.stream().map(Math::toIntExact).toArray(Integer[]::new));
    }

    /** Puts every chunk of a batch back to be run again, for a dry run started for real. */
    public void reopenAll(UUID batchId) {
        jdbc.update("""
                update intake.import_chunk set status = 'PENDING', lease_owner = null, lease_expires_at = null, finished_at = null,
                    success_count = 0, error_count = 0, created_count = 0, updated_count = 0, unknown_count = 0
                where batch_id = ?
                """, batchId);
    }
}
