package dev.intake.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.db.Jdbc;
import dev.intake.db.StoreException;
import dev.intake.file.FileFormat;
import dev.intake.file.FileLayout;
import dev.intake.file.ReadOptions;
import dev.intake.security.Uploader;

/** Import batches in PostgreSQL. */
@ApplicationScoped
public class BatchStore {

    /** The unique index that allows one pending or running batch per organisation, template and content. */
    private static final String ACTIVE_CONTENT_KEY = "import_batch_active_content_key";

    private static final String SELECT = """
            select b.*,
                   case when b.paused_until = 'infinity' then null else b.paused_until end as paused_until_time,
                   coalesce(b.processed_rows, c.processed, 0) as live_processed,
                   coalesce(b.success_count, c.succeeded, 0) as live_succeeded,
                   coalesce(b.error_count, c.failed, 0) as live_failed,
                   coalesce(b.created_count, c.created, 0) as live_created,
                   coalesce(b.updated_count, c.updated, 0) as live_updated,
                   coalesce(b.unknown_count, c.unknown, 0) as live_unknown
            from intake.import_batch b
            left join lateral (
                select sum(success_count + error_count) as processed, sum(success_count) as succeeded,
                       sum(error_count) as failed, sum(created_count) as created, sum(updated_count) as updated,
                       sum(unknown_count) as unknown
                from intake.import_chunk where batch_id = b.id and status = 'DONE'
            ) c on true
            """;

    @Inject
    Jdbc jdbc;

    @Inject
    ServedTargets served;

    @Inject
    ObjectMapper json;

    @Inject
    Event<BatchStatusChanged> statusChanged;

    @Inject
    Event<OutcomesWritten> outcomesWritten;

    /**
     * Inserts a new batch, recording the upload as its first event; fails when the same content for the same
     * template is already pending or running in the organisation.
     */
    public void insert(ImportBatch batch) {
        try {
            jdbc.update("""
                    insert into intake.import_batch (id, template, filename, file_size, sha256, format, delimiter,
                        separator_line, sheet, source, email_record, created_by, created_by_roles, organisation,
                        client_address, dry_run, status, created_at, parent_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, batch.id(), batch.template(), batch.filename(), batch.fileSize(), batch.sha256(),
                    batch.format(), String.valueOf(batch.readOptions().delimiter()),
                    batch.readOptions().separatorLine(), batch.readOptions().sheet(), batch.source(), batch.emailRecord(), batch.createdBy(), batch.createdByRoles().toArray(String[]::new),
                    batch.organisation(), batch.clientAddress(), batch.dryRun(), batch.status(), batch.createdAt(),
                    batch.parent());
        } catch (StoreException e) {
            if (isActiveContentTaken(e)) {
                throw new DuplicateActiveBatchException(batch.template(), null);
            }
            throw e;
        }
        record(batch.id(), batch.createdAt(), batch.createdBy(), batch.status(),
                batch.source() + (batch.dryRun() ? " (dry run)" : "")
                        + (batch.clientAddress() == null ? "" : " from " + batch.clientAddress())
                        + (batch.parent() == null ? "" : ", retrying batch " + batch.parent()));
    }

    /**
     * Whether a write failed because a batch with the same content for the same template is already pending or running
     * in the organisation: a new one, or one a dry run started for real.
     */
    public static boolean isActiveContentTaken(StoreException failure) {
        return failure.violatesUnique(ACTIVE_CONTENT_KEY);
    }

    public Optional<UUID> findActiveWithContent(String organisation, String template, String sha256) {
        return jdbc.first("select id from intake.import_batch where organisation = ? and template = ? and sha256 = ? and status in "
                + "('PENDING', 'VALIDATING', 'PROCESSING')", row -> Jdbc.uuid(row, "id"), organisation, template, sha256);
    }

    /** Any batch by id, for the engine; callers on behalf of a user use {@link #findInOrganisation}. */
    public Optional<ImportBatch> find(UUID id) {
        return jdbc.first(SELECT + " where b.id = ?", BatchStore::batch, id);
    }

    /** A batch of the organisation; another organisation's batch is as if it did not exist. */
    public Optional<ImportBatch> findInOrganisation(UUID id, String organisation) {
        return jdbc.first(SELECT + " where b.id = ? and b.organisation = ?", BatchStore::batch, id, organisation);
    }

    /** The organisation's batches newest first, after a position in that order, optionally of one status. */
    public List<ImportBatch> findNewestFirst(String organisation, int limit, BatchCursor after, BatchStatus status,
            String template) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where b.organisation = ?");
        List<Object> parameters = new ArrayList<>(List.of(organisation));
        if (after != null) {
            sql.append(" and (b.created_at, b.id) < (?, ?)");
            parameters.add(after.createdAt());
            parameters.add(after.id());
        }
        if (status != null) {
            sql.append(" and b.status = ?");
            parameters.add(status);
        }
        if (template != null) {
            sql.append(" and b.template = ?");
            parameters.add(template);
        }
        sql.append(" order by b.created_at desc, b.id desc limit ?");
        parameters.add(limit);
        return jdbc.list(sql.toString(), BatchStore::batch, parameters.toArray());
    }

    /**
     * Claims the oldest batch waiting for file-level validation, or one whose validating worker's lease ran out,
     * and moves it to VALIDATING under a lease.
     */
    public Optional<UUID> claimForValidation(String owner, Instant now, Instant leaseUntil) {
        Optional<UUID> claimed = jdbc.first("""
                update intake.import_batch set status = 'VALIDATING', lease_owner = ?, lease_expires_at = ?,
                    started_at = coalesce(started_at, ?)
                where id = (
                    select id from intake.import_batch b
                    where ((status = 'PENDING'
                            -- a batch of a set waits until the batches whose records it refers to have ended
                            and not exists (select 1 from intake.import_batch d where d.id = any (b.waits_for)
                                            and d.status in ('PENDING', 'VALIDATING', 'MAPPING', 'PROCESSING')))
                        or (status = 'VALIDATING' and (lease_expires_at is null or lease_expires_at < ?)))
                      -- a batch of a target this instance does not configure is left to an instance that does
                      and """ + ServedTargets.CLAIMABLE + """
                    order by created_at
                    limit 1
                    for update skip locked)
                returning id
                """, row -> Jdbc.uuid(row, "id"), owner, leaseUntil, now, now, served.names());
        claimed.ifPresent(id -> record(id, now, owner, BatchStatus.VALIDATING, null));
        return claimed;
    }

    /**
     * Moves a new batch that stages no file (a retry of another batch's rows) from PENDING to VALIDATING, in the
     * caller's transaction, so that no validator claims it; {@link #startProcessing} follows in the same transaction.
     */
    public void beginStaging(UUID id, String detail, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.PENDING, BatchStatus.VALIDATING, detail, now, actor, false),
                ", started_at = ?", now);
    }

    /** Gives a batch its parent: the batch whose failed rows its file corrects, found from the file's content. */
    public void linkParent(UUID id, UUID parent) {
        jdbc.update("update intake.import_batch set parent_id = ? where id = ?", parent, id);
    }

    /** The mapping proposal and mapping of one batch given to another, which stages the same file's rows. */
    public void copyMapping(UUID from, UUID to) {
        jdbc.update("""
                update intake.import_batch c set mapping_proposal = p.mapping_proposal, mapping = p.mapping
                from intake.import_batch p where p.id = ? and c.id = ?
                """, from, to);
    }

    /** How many rows the batch's second pass ran again; empty while it has had none. */
    public Optional<Integer> secondPassRows(UUID id) {
        return jdbc.first("select second_pass_rows from intake.import_batch where id = ?",
                row -> Optional.ofNullable(Jdbc.integer(row, "second_pass_rows")), id).flatMap(rows -> rows);
    }

    /** Records the batch's second pass and how many rows it runs again, in its history when there are any. */
    public void markSecondPass(UUID id, int rows, Instant now, String actor) {
        jdbc.update("update intake.import_batch set second_pass_rows = ? where id = ?", rows, id);
        if (rows > 0) {
            record(id, now, actor, BatchStatus.PROCESSING, "Second pass: " + rows + (rows == 1 ? " row" : " rows")
                    + " that named records of the file's later rows run again");
        }
    }

    /** The batches of its import set that the batch waits for: those that create the records its lookups refer to. */
    public List<UUID> waitsFor(UUID id) {
        return jdbc.first("select waits_for from intake.import_batch where id = ?", row -> {
            List<UUID> ids = new ArrayList<>();
            for (Object value : (Object[]) row.getArray("waits_for").getArray()) {
                ids.add((UUID) value);
            }
            return ids;
        }, id).orElse(List.of());
    }

    /** The batches whose parent is this one, oldest first. */
    public List<ImportBatch> children(UUID parent) {
        return jdbc.list(SELECT + " where b.parent_id = ? order by b.created_at, b.id", BatchStore::batch, parent);
    }

    /**
     * Ends validation: the batch moves on to processing with its layout and row count; a warning, such as a
     * missing role, becomes its message.
     */
    public void startProcessing(UUID id, FileLayout layout, int totalRows, String warning, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.VALIDATING, BatchStatus.PROCESSING, warning, now, actor, false),
                ", layout = cast(? as jsonb), total_rows = ?", toJson(layout), totalRows);
    }

    /**
     * Ends validation for now: the file's columns need a person's mapping, and the matcher's proposal (JSON) is
     * kept on the batch; nothing is staged.
     */
    public void awaitMapping(UUID id, String proposal, String message, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.VALIDATING, BatchStatus.MAPPING, message, now, actor, false),
                ", mapping_proposal = cast(? as jsonb)", proposal);
    }

    /** Marks a new batch for a person's review of its column mapping, however sure the proposal. */
    public void requestMappingReview(UUID id) {
        jdbc.update("update intake.import_batch set mapping_review = true where id = ?", id);
    }

    /** Whether the batch's upload asked for a person to review its column mapping. */
    public boolean mappingReviewRequested(UUID id) {
        return jdbc.first("select mapping_review from intake.import_batch where id = ?", row -> row.getBoolean("mapping_review"),
                id).orElse(false);
    }

    /** Keeps the proposal and the mapping (JSON) a batch's validation goes on with. */
    public void recordMapping(UUID id, String proposal, String mapping) {
        jdbc.update("update intake.import_batch set mapping_proposal = cast(? as jsonb), mapping = cast(? as jsonb) where id = ?",
                proposal, mapping, id);
    }

    /**
     * Sends a batch waiting in MAPPING back to VALIDATING with the mapping (JSON) a person chose; the next
     * validator to look claims it. The caller holds the batch's lock.
     */
    public void resumeWithMapping(UUID id, String mapping, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.MAPPING, BatchStatus.VALIDATING, "Columns mapped by " + actor, now,
                actor, false), ", mapping = cast(? as jsonb)", mapping);
    }

    /** The mapping proposal and the chosen mapping of a batch, as JSON; either may be absent. */
    public record MappingJson(String proposal, String mapping) {
    }

    public MappingJson mappingJson(UUID id) {
        return jdbc.first("select mapping_proposal::text as proposal, mapping::text as mapping from intake.import_batch where id = ?",
                row -> new MappingJson(row.getString("proposal"), row.getString("mapping")), id)
                .orElse(new MappingJson(null, null));
    }

    /** Ends validation: the file failed its file-level checks and nothing is imported. */
    public void failValidation(UUID id, String message, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.VALIDATING, BatchStatus.VALIDATION_FAILED, message, now, actor, true),
                ", processed_rows = 0, success_count = 0, error_count = 0");
    }

    /** Stores the final status and counts of a batch whose chunks are all done. */
    public void finish(UUID id, BatchStatus status, RunCounts counts, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.PROCESSING, status, null, now, actor, status != BatchStatus.READY),
                ", processed_rows = ?, success_count = ?, error_count = ?, created_count = ?, updated_count = ?,"
                        + " unknown_count = ?, paused_until = null, pause_reason = null",
                counts.succeeded() + counts.failed(), counts.succeeded(), counts.failed(), counts.created(),
                counts.updated(), counts.unknown());
    }

    /**
     * Pauses a processing batch whose target throttles it or cannot be reached for a while: no worker claims its
     * chunks before {@code until}. A longer pause already set stays.
     */
    public void pause(UUID id, Instant until, String reason) {
        jdbc.update("""
                update intake.import_batch set paused_until = ?, pause_reason = ?
                where id = ? and status = 'PROCESSING' and (paused_until is null or paused_until < ?)
                """, until, reason, id, until);
    }

    /** Pauses a processing batch until a probe of its target succeeds or an admin resumes it. */
    public void pauseUntilResumed(UUID id, String reason) {
        jdbc.update("""
                update intake.import_batch set paused_until = 'infinity', pause_reason = ?
                where id = ? and status = 'PROCESSING'
                """, reason, id);
    }

    /** Ends a timed pause that has run out; a pause until resumed stays. */
    public void endTimedPause(UUID id, Instant now) {
        jdbc.update("""
                update intake.import_batch set paused_until = null, pause_reason = null
                where id = ? and paused_until is not null and paused_until <> 'infinity' and paused_until <= ?
                """, id, now);
    }

    /** Ends any pause of the batch; true when it was paused. */
    public boolean resume(UUID id) {
        return jdbc.update("""
                update intake.import_batch set paused_until = null, pause_reason = null
                where id = ? and paused_until is not null
                """, id) == 1;
    }

    /**
     * A processing batch paused until resumed, for the probe of its target: its template and who its rows run as.
     */
    public record PausedBatch(UUID id, String template, String createdBy, List<String> createdByRoles,
            String organisation) {
        public PausedBatch {
            createdByRoles = List.copyOf(createdByRoles);
        }
    }

    /** Processing batches paused until resumed, for the probe of their targets. */
    public List<PausedBatch> pausedUntilResumed() {
        return jdbc.list("""
                select id, template, created_by, created_by_roles, organisation from intake.import_batch
                where status = 'PROCESSING' and paused_until = 'infinity'
                """, row -> new PausedBatch(Jdbc.uuid(row, "id"), row.getString("template"),
                row.getString("created_by"), List.of((String[]) row.getArray("created_by_roles").getArray()),
                row.getString("organisation")));
    }

    /**
     * Sends a finished batch's rows whose outcome was unknown again: it goes back to PROCESSING, its counts cleared
     * until its chunks are done again; the caller holds the batch's lock.
     */
    public void reopen(UUID id, BatchStatus from, String detail, Instant now, String actor) {
        changeStatus(new Change(id, from, BatchStatus.PROCESSING, detail, now, actor, false), ", processed_rows = null,"
                + " success_count = null, error_count = null, created_count = null, updated_count = null,"
                + " unknown_count = null");
    }

    /**
     * Stores a finished batch's counts again after rows whose outcome was unknown were marked done, and its status
     * when that changes them; recorded in its history either way. The caller holds the batch's lock.
     */
    public void recount(UUID id, BatchStatus from, BatchStatus to, RunCounts counts, String detail, Instant now,
            String actor) {
        String assignments = ", processed_rows = ?, success_count = ?, error_count = ?, created_count = ?,"
                + " updated_count = ?, unknown_count = ?";
        Object[] values = { counts.succeeded() + counts.failed(), counts.succeeded(), counts.failed(),
                counts.created(), counts.updated(), counts.unknown() };
        if (from != to) {
            changeStatus(new Change(id, from, to, detail, now, actor, true), assignments, values);
            return;
        }
        List<Object> parameters = new ArrayList<>(java.util.Arrays.asList(values));
        parameters.add(id);
        jdbc.update("update intake.import_batch set " + assignments.substring(2) + " where id = ?",
                parameters.toArray());
        record(id, now, actor, to, detail);
    }

    /** Turns a READY dry run into a real run: its counts are cleared and it goes back to PROCESSING. */
    public void startForReal(UUID id, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.READY, BatchStatus.PROCESSING, "Started for real by " + actor, now, actor,
                false), ", dry_run = false, processed_rows = null, success_count = null, error_count = null, "
                        + "created_count = null, updated_count = null, unknown_count = null");
    }

    /**
     * Locks a batch for a status change and returns its current status. The lock waits for the transactions that
     * run the batch's rows (see {@link ChunkStore#holdLease}) and keeps new ones from starting.
     */
    public Optional<BatchStatus> lockStatus(UUID id) {
        return jdbc.first("select status from intake.import_batch where id = ? for update",
                row -> BatchStatus.valueOf(row.getString("status")), id);
    }

    /**
     * Starts the rollback of a finished import, to run as the admin who asked for it with the roles they have now; the
     * caller holds the batch's lock.
     */
    public void startRollback(UUID id, BatchStatus from, Uploader admin, boolean force, Instant now) {
        changeStatus(new Change(id, from, BatchStatus.ROLLING_BACK, "Rollback asked for by " + admin.user()
                + (force ? ", records changed since included" : ""), now, admin.user(), false),
                ", rollback_by = ?, rollback_by_roles = ?, rollback_force = ?", admin.user(),
                admin.roles().toArray(String[]::new), force);
    }

    /** Ends a rollback whose chunks are all done, or that was cancelled; the caller holds the batch's lock. */
    public void endRollback(UUID id, BatchStatus to, String message, Instant now, String actor) {
        changeStatus(new Change(id, BatchStatus.ROLLING_BACK, to, message, now, actor, true), "");
    }

    /** Cancels a batch, counting the rows committed so far; the caller holds the batch's lock. */
    public void cancel(UUID id, BatchStatus from, Instant now, String actor) {
        stop(id, from, BatchStatus.CANCELLED, "Cancelled by " + actor, now, actor);
    }

    /**
     * Ends a batch before all its rows ran, counting the rows done so far from their outcomes, all five counts from
     * the same rows; the caller holds the batch's lock (see {@link #lockStatus}).
     */
    public void stop(UUID id, BatchStatus from, BatchStatus to, String message, Instant now, String actor) {
        // Rows on their way to a remote target when the batch stops: their workers can no longer record what the
        // target answered, so they are OUTCOME_UNKNOWN now, counted, and never sent again.
        int unknown = jdbc.update("""
                insert into intake.import_outcome (batch_id, row_number, success, error_type, message)
                select batch_id, row_number, false, 'OUTCOME_UNKNOWN', 'Row ' || row_number || ': it was being sent'
                       || ' to its target when the batch stopped; whether the target wrote it is not known, so it is'
                       || ' not sent again. Check it in the target'
                from intake.import_sending where batch_id = ?
                on conflict do nothing
                """, id);
        jdbc.update("delete from intake.import_sending where batch_id = ?", id);
        if (unknown > 0) {
            outcomesWritten.fire(new OutcomesWritten(id, java.util.Map.of(RowErrorType.OUTCOME_UNKNOWN.name(), unknown)));
        }
        changeStatus(new Change(id, from, to, message, now, actor, true), """
                , processed_rows = o.processed, success_count = o.succeeded, error_count = o.failed,
                  created_count = o.created, updated_count = o.updated, unknown_count = o.unknown,
                  paused_until = null, pause_reason = null
                from (select count(*) as processed, count(*) filter (where success) as succeeded,
                             count(*) filter (where not success) as failed,
                             count(*) filter (where action = 'CREATED') as created,
                             count(*) filter (where action = 'UPDATED') as updated,
                             count(*) filter (where error_type = 'OUTCOME_UNKNOWN') as unknown
                      from intake.import_outcome where batch_id = ?) o
                """, id);
    }

    /** Marks the batch's early-stop check as done; true for the one caller that marked it. */
    public boolean markEarlyStopChecked(UUID id) {
        return jdbc.update("update intake.import_batch set early_stop_checked = true where id = ? and not early_stop_checked",
                id) == 1;
    }

    /** Finished batches that ended before the cut-off and still have their files and rows, oldest first. */
    public List<UUID> findToPurge(Instant endedBefore, int limit) {
        return jdbc.list("select id from intake.import_batch where purged_at is null and ended_at < ? order by ended_at limit ?",
                row -> Jdbc.uuid(row, "id"), endedBefore, limit);
    }

    /**
     * Deletes a batch's original file, staged rows, chunks and outcomes, keeping the batch record with its counts
     * and history; false when another instance purged it first.
     */
    public boolean purge(UUID id, Instant now) {
        if (jdbc.update("update intake.import_batch set purged_at = ? where id = ? and purged_at is null", now, id) != 1) {
            return false;
        }
        for (String table : List.of("intake.import_file_part", "intake.import_outcome", "intake.import_row",
                "intake.import_chunk", "intake.import_sending", "intake.import_undo_chunk", "intake.import_undo",
                "intake.import_row_image", "intake.import_undo_preview", "intake.import_rollback_preview")) {
            jdbc.update("delete from " + table + " where batch_id = ?", id);
        }
        return true;
    }

    /** The batch's status changes, oldest first. */
    public List<BatchEvent> events(UUID id) {
        return jdbc.list("select at, actor, status, detail from intake.import_batch_event where batch_id = ? order by id",
                row -> new BatchEvent(Jdbc.instant(row, "at"), row.getString("actor"),
                        BatchStatus.valueOf(row.getString("status")), row.getString("detail")), id);
    }

    /** Locks a processing batch for its final update; empty when it is not processing. */
    public Optional<UUID> lockProcessing(UUID id) {
        return jdbc.first("select id from intake.import_batch where id = ? and status = 'PROCESSING' for no key update",
                row -> Jdbc.uuid(row, "id"), id);
    }

    /** What the chunks of a batch run with; empty until its file is staged. */
    public Optional<RunSettings> runSettings(UUID id) {
        return jdbc.first("""
                select template, created_by, created_by_roles, organisation, dry_run, layout::text as layout
                from intake.import_batch where id = ? and layout is not null
                """, row -> new RunSettings(row.getString("template"), row.getString("created_by"),
                List.of((String[]) row.getArray("created_by_roles").getArray()), row.getString("organisation"),
                row.getBoolean("dry_run"), fromJson(row.getString("layout"))), id);
    }

    /** Whether the early-stop rule has had its one look at the batch. */
    public boolean earlyStopChecked(UUID id) {
        return jdbc.first("select early_stop_checked from intake.import_batch where id = ?",
                row -> row.getBoolean("early_stop_checked"), id).orElse(true);
    }

    public Optional<FileLayout> layout(UUID id) {
        return jdbc.first("select layout::text as layout from intake.import_batch where id = ? and layout is not null",
                row -> fromJson(row.getString("layout")), id);
    }

    /** A status change: from what to what, when, by whom, and a message for the batch (null keeps the one it has). */
    private record Change(UUID id, BatchStatus from, BatchStatus to, String message, Instant at, String actor,
            boolean ends) {
    }

    private void changeStatus(Change change, String extraAssignments, Object... extraParameters) {
        change.from().moveTo(change.to());
        List<Object> parameters = new ArrayList<>(List.of(change.to()));
        parameters.add(change.message());
        parameters.add(change.ends() ? change.at() : null);
        parameters.addAll(java.util.Arrays.asList(extraParameters));
        parameters.add(change.id());
        parameters.add(change.from());
        int changed = jdbc.update("update intake.import_batch set status = ?, message = coalesce(?, message), ended_at = ?, lease_owner = null, "
                + "lease_expires_at = null" + extraAssignments + " where id = ? and status = ?", parameters.toArray());
        if (changed != 1) {
            throw new StatusChangedException(change.id(), change.from());
        }
        record(change.id(), change.at(), change.actor(), change.to(), change.message());
        statusChanged.fire(new BatchStatusChanged(change.id(), change.from(), change.to(), change.at(), change.ends()));
    }

    private void record(UUID id, Instant at, String actor, BatchStatus status, String detail) {
        jdbc.update("insert into intake.import_batch_event (batch_id, at, actor, status, detail) values (?, ?, ?, ?, ?)", id, at,
                actor, status, detail);
    }

    private String toJson(FileLayout layout) {
        try {
            return json.writeValueAsString(layout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FileLayout fromJson(String text) {
        try {
            return json.readValue(text, FileLayout.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable layout: " + e.getMessage(), e);
        }
    }

    private static ImportBatch batch(ResultSet row) throws SQLException {
        return new ImportBatch(
                Jdbc.uuid(row, "id"),
                row.getString("template"),
                row.getString("filename"),
                row.getLong("file_size"),
                row.getString("sha256"),
                FileFormat.valueOf(row.getString("format")),
                new ReadOptions(row.getString("delimiter").charAt(0), row.getBoolean("separator_line"),
                        row.getString("sheet")),
                BatchSource.valueOf(row.getString("source")),
                row.getString("email_record"),
                row.getString("created_by"),
                List.of((String[]) row.getArray("created_by_roles").getArray()),
                row.getString("organisation"),
                row.getString("client_address"),
                row.getBoolean("dry_run"),
                BatchStatus.valueOf(row.getString("status")),
                row.getString("message"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "started_at"),
                Jdbc.instant(row, "ended_at"),
                Jdbc.integer(row, "total_rows"),
                row.getLong("live_processed"),
                row.getLong("live_succeeded"),
                row.getLong("live_failed"),
                row.getLong("live_created"),
                row.getLong("live_updated"),
                row.getLong("live_unknown"),
                Jdbc.instant(row, "purged_at"),
                row.getString("pause_reason") == null ? null : new BatchPause(
                        Jdbc.instant(row, "paused_until_time"), row.getString("pause_reason")),
                Jdbc.uuid(row, "parent_id"));
    }
}
