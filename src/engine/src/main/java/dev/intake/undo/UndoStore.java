package dev.intake.undo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.RowErrorType;
import dev.intake.batch.ServedTargets;
import dev.intake.db.Jdbc;
import dev.intake.security.Uploader;

/** Rollbacks in PostgreSQL: their chunks of committed rows, claimed under a lease, and each row's result. */
@ApplicationScoped
public class UndoStore {

    @Inject
    Jdbc jdbc;

    @Inject
    ServedTargets served;

    /** A committed row to undo: its row number, the ID of the record it wrote, and whether it created it. */
    public record CommittedRow(long rowNumber, String entityId, String action) {
    }

    /**
     * Writes the chunks of a rollback: the batch's committed rows not undone yet, {@code size} to a chunk. Results of
     * an earlier partial rollback other than UNDONE are cleared, so that those rows are tried again, and so is a dry
     * run's preview. Returns how many chunks.
     */
    public int plan(UUID batchId, int size) {
        jdbc.update("delete from intake.import_undo where batch_id = ? and result <> 'UNDONE'", batchId);
        clearPreview(batchId);
        return planChunks(batchId, size, false);
    }

    /** Writes the chunks of a rollback's dry run over the rows a rollback would undo, replacing an earlier one. */
    public int planPreview(UUID batchId, int size, Uploader admin, boolean force, Instant now) {
        clearPreview(batchId);
        jdbc.update("""
                insert into intake.import_rollback_preview (batch_id, requested_by, requested_by_roles, force,
                    requested_at)
                values (?, ?, ?, ?, ?)
                """, batchId, admin.user(), admin.roles().toArray(String[]::new), force, now);
        return planChunks(batchId, size, true);
    }

    private void clearPreview(UUID batchId) {
        jdbc.update("delete from intake.import_undo_preview where batch_id = ?", batchId);
        jdbc.update("delete from intake.import_rollback_preview where batch_id = ?", batchId);
        jdbc.update("delete from intake.import_undo_chunk where batch_id = ?", batchId);
    }

    private int planChunks(UUID batchId, int size, boolean dryRun) {
        return jdbc.update("""
                insert into intake.import_undo_chunk (batch_id, seq, first_row, last_row, status, dry_run)
                select ?, chunk, min(row_number), max(row_number), 'PENDING', ?
                from (select o.row_number, (row_number() over (order by o.row_number) - 1) / ? as chunk
                      from intake.import_outcome o
                      where o.batch_id = ? and o.success
                        and not exists (select 1 from intake.import_undo u
                                        where u.batch_id = o.batch_id and u.row_number = o.row_number
                                          and u.result = 'UNDONE')) rows
                group by chunk
                """, batchId, dryRun, size, batchId);
    }

    /**
     * Claims the next chunk of a batch that is rolling back, or of a rollback's dry run: one never claimed, or one
     * whose lease ran out.
     */
    public Optional<UndoChunk> claimNext(String owner, Instant now, Instant leaseUntil) {
        return jdbc.first("""
                update intake.import_undo_chunk set status = 'RUNNING', lease_owner = ?, lease_expires_at = ?,
                    attempts = attempts + 1
                where id = (
                    select c.id from intake.import_undo_chunk c
                    join intake.import_batch b on b.id = c.batch_id and (b.status = 'ROLLING_BACK' or c.dry_run)
                        and """ + ServedTargets.CLAIMABLE + """
                    -- a batch of a set is rolled back after the batches that refer to its records
                    where (c.dry_run or b.set_id is null or not exists (
                            select 1 from intake.import_batch d where d.set_id = b.set_id and b.id = any (d.waits_for)
                            and d.status = 'ROLLING_BACK'))
                      and (c.status = 'PENDING' or (c.status = 'RUNNING' and c.lease_expires_at < ?))
                    order by c.seq, b.created_at
                    limit 1
                    for update of c skip locked)
                returning id, batch_id, first_row, last_row, attempts, dry_run
                """, row -> new UndoChunk(row.getLong("id"), Jdbc.uuid(row, "batch_id"), row.getLong("first_row"),
                row.getLong("last_row"), row.getInt("attempts"), row.getBoolean("dry_run")), owner, leaseUntil,
                served.names(), now);
    }

    /**
     * Keeps the chunk's lease while the rollback runs, locking the chunk until the transaction ends; false when
     * another worker took it over or the rollback stopped.
     */
    public boolean holdLease(UndoChunk chunk, String owner, Instant leaseUntil) {
        return jdbc.update("""
                update intake.import_undo_chunk c set lease_expires_at = ?
                from intake.import_batch b
                where c.id = ? and c.lease_owner = ? and c.attempts = ? and c.status = 'RUNNING'
                  and b.id = c.batch_id and (b.status = 'ROLLING_BACK' or c.dry_run)
                """, leaseUntil, chunk.id(), owner, chunk.attempts()) == 1;
    }

    public void markDone(UndoChunk chunk, Instant now, String owner) {
        jdbc.update("""
                update intake.import_undo_chunk set status = 'DONE', finished_at = ?, processed_by = ?,
                    lease_owner = null, lease_expires_at = null
                where id = ? and lease_owner = ? and attempts = ?
                """, now, owner, chunk.id(), owner, chunk.attempts());
    }

    /** The chunk's committed rows that have no result yet (nor, in a dry run, were undone before), in file order. */
    public List<CommittedRow> rowsToUndo(UndoChunk chunk) {
        return jdbc.list("""
                select o.row_number, o.entity_id, o.action from intake.import_outcome o
                where o.batch_id = ? and o.success and o.row_number between ? and ?
                  and not exists (select 1 from {results} r where r.batch_id = o.batch_id and r.row_number = o.row_number)
                  and not exists (select 1 from intake.import_undo u where u.batch_id = o.batch_id
                                  and u.row_number = o.row_number and u.result = 'UNDONE')
                order by o.row_number
                """.replace("{results}", chunk.results()), row -> new CommittedRow(row.getLong("row_number"),
                row.getString("entity_id"), row.getString("action")), chunk.batchId(), chunk.firstRow(),
                chunk.lastRow());
    }

    /**
     * Records what became of a row, or in a dry run what would; in the transaction of its undo mutation when it was
     * undone.
     */
    public void record(UndoChunk chunk, long rowNumber, UndoResult result, RowErrorType errorType, String reason,
            Instant now) {
        jdbc.update("insert into " + chunk.results() + " (batch_id, row_number, result, error_type, reason, at) values"
                + " (?, ?, ?, ?, ?, ?)", chunk.batchId(), rowNumber, result.name(), errorType == null ? null
                        : errorType.name(), reason, now);
    }

    /** A row's result, to record with others. */
    public record Recorded(long rowNumber, UndoResult result, RowErrorType errorType, String reason) {
    }

    /** Records the results of a group of rows, in one statement, in the transaction of their undo mutations. */
    public void recordAll(UndoChunk chunk, List<Recorded> results, Instant now) {
        if (results.isEmpty()) {
            return;
        }
        jdbc.update("insert into " + chunk.results() + " (batch_id, row_number, result, error_type, reason, at)"
                + " select ?, r.row_number, r.result, r.error_type, r.reason, ?"
                + " from unnest(?, ?, ?, ?) as r(row_number, result, error_type, reason)", chunk.batchId(), now,
                results.stream().map(result -> Math.toIntExact(result.rowNumber())).toArray(Integer[]::new),
                results.stream().map(result -> result.result().name()).toArray(String[]::new),
                results.stream().map(result -> result.errorType() == null ? null : result.errorType().name())
                        .toArray(String[]::new),
                results.stream().map(Recorded::reason).toArray(String[]::new));
    }

    /** Whether any chunk of the batch's rollback is still to do. */
    public boolean hasUnfinished(UUID batchId) {
        return jdbc.first("select 1 from intake.import_undo_chunk where batch_id = ? and status <> 'DONE' and not dry_run"
                + " limit 1", row -> Boolean.TRUE, batchId).isPresent();
    }

    /** Batches still ROLLING_BACK whose chunks are all done; normally ended by their last chunk's worker. */
    public List<UUID> rollingBackWithAllChunksDone() {
        return jdbc.list("""
                select b.id from intake.import_batch b
                where b.status = 'ROLLING_BACK'
                  and not exists (select 1 from intake.import_undo_chunk c where c.batch_id = b.id and c.status <> 'DONE'
                                  and not c.dry_run)
                """, row -> Jdbc.uuid(row, "id"));
    }

    /** Locks every chunk of the batch's rollback or dry run, waiting for the transactions that hold one. */
    public void lockChunks(UUID batchId) {
        jdbc.list("select id from intake.import_undo_chunk where batch_id = ? order by id for update",
                row -> row.getLong("id"), batchId);
    }

    /** Waits for the transactions undoing the batch's rows to end, by locking their chunks. */
    public void awaitRunning(UUID batchId) {
        jdbc.list("select id from intake.import_undo_chunk where batch_id = ? and status = 'RUNNING' and not dry_run"
                + " for update",
                row -> row.getLong("id"), batchId);
    }

    /** The batch's rollback so far; all zero when it was never rolled back. */
    public UndoCounts counts(UUID batchId) {
        return jdbc.first("""
                select (select count(*) from intake.import_outcome where batch_id = ? and success) as committed,
                       count(*) filter (where result = 'UNDONE') as undone,
                       count(*) filter (where result = 'KEPT') as kept,
                       count(*) filter (where result = 'FAILED') as failed
                from intake.import_undo where batch_id = ?
                """, row -> new UndoCounts(row.getLong("committed"), row.getLong("undone"), row.getLong("kept"),
                row.getLong("failed")), batchId, batchId).orElseThrow();
    }

    /** Who asked for the batch's rollback, with the roles its undo mutations run with, and whether it is forced. */
    public record Requested(Uploader admin, boolean force) {
    }

    /** Who asked for the batch's rollback dry run, and whether it checks as a forced rollback would. */
    public Optional<Requested> previewRequested(UUID batchId) {
        return jdbc.first("""
                select p.requested_by, p.requested_by_roles, p.force, b.organisation
                from intake.import_rollback_preview p join intake.import_batch b on b.id = p.batch_id
                where p.batch_id = ?
                """, row -> new Requested(new Uploader(row.getString("requested_by"),
                List.of((String[]) row.getArray("requested_by_roles").getArray()), row.getString("organisation")),
                row.getBoolean("force")), batchId);
    }

    /** A rollback dry run: who asked, when, whether it runs still, and what a rollback would do with the rows. */
    public record Preview(String by, boolean force, Instant requestedAt, boolean running, UndoCounts counts) {
    }

    public Optional<Preview> preview(UUID batchId) {
        return jdbc.first("""
                select p.requested_by, p.force, p.requested_at,
                       exists (select 1 from intake.import_undo_chunk c
                               where c.batch_id = p.batch_id and c.dry_run and c.status <> 'DONE') as running,
                       (select count(*) from intake.import_outcome o where o.batch_id = p.batch_id and o.success
                          and not exists (select 1 from intake.import_undo u where u.batch_id = o.batch_id
                                          and u.row_number = o.row_number and u.result = 'UNDONE')) as committed,
                       (select count(*) from intake.import_undo_preview r where r.batch_id = p.batch_id
                          and r.result = 'UNDONE') as undone,
                       (select count(*) from intake.import_undo_preview r where r.batch_id = p.batch_id
                          and r.result = 'KEPT') as kept,
                       (select count(*) from intake.import_undo_preview r where r.batch_id = p.batch_id
                          and r.result = 'FAILED') as failed
                from intake.import_rollback_preview p where p.batch_id = ?
                """, row -> new Preview(row.getString("requested_by"), row.getBoolean("force"),
                row.getTimestamp("requested_at").toInstant(), row.getBoolean("running"), new UndoCounts(
                        row.getLong("committed"), row.getLong("undone"), row.getLong("kept"), row.getLong("failed"))),
                batchId);
    }

    public Optional<Requested> requested(UUID batchId) {
        return jdbc.first("""
                select rollback_by, rollback_by_roles, rollback_force, organisation from intake.import_batch
                where id = ? and rollback_by is not null
                """, row -> new Requested(new Uploader(row.getString("rollback_by"),
                List.of((String[]) row.getArray("rollback_by_roles").getArray()), row.getString("organisation")),
                row.getBoolean("rollback_force")), batchId);
    }

    /**
     * What became of each row of a batch's rollback, in file order: every row the import committed, with its record,
     * and its result, or {@code null} while the rollback has not reached it.
     */
    public record RowUndo(long rowNumber, String entityId, UndoResult result, String errorType, String reason) {
    }

    public List<RowUndo> results(UUID batchId) {
        return results(batchId, "intake.import_undo");
    }

    /** What a rollback would do with each row it would undo, as the batch's dry run found; the same shape. */
    public List<RowUndo> previewResults(UUID batchId) {
        return results(batchId, "intake.import_undo_preview");
    }

    private List<RowUndo> results(UUID batchId, String table) {
        boolean preview = table.endsWith("preview");
        return jdbc.list("""
                select o.row_number, o.entity_id, u.result, u.error_type, u.reason from intake.import_outcome o
                left join {results} u on u.batch_id = o.batch_id and u.row_number = o.row_number
                where o.batch_id = ? and o.success {undoneBefore} order by o.row_number
                """.replace("{results}", table).replace("{undoneBefore}", preview ? """
                        and not exists (select 1 from intake.import_undo d where d.batch_id = o.batch_id
                                        and d.row_number = o.row_number and d.result = 'UNDONE')""" : ""),
                row -> new RowUndo(row.getLong("row_number"), row.getString("entity_id"),
                row.getString("result") == null ? null : UndoResult.valueOf(row.getString("result")),
                row.getString("error_type"), row.getString("reason")), batchId);
    }
}
