package dev.intake.sets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/** Import sets and which batches of a set wait for which. */
@ApplicationScoped
public class SetStore {

    @Inject
    Jdbc jdbc;

    public void insert(ImportSet set) {
        jdbc.update("""
                insert into intake.import_set (id, organisation, created_by, created_at, dry_run, workbook, ignored_sheets)
                values (?, ?, ?, ?, ?, ?, ?)
                """, set.id(), set.organisation(), set.createdBy(), set.createdAt(), set.dryRun(), set.workbook(),
                set.ignoredSheets().toArray(String[]::new));
    }

    /** Makes a stored batch a member of the set, at a position, waiting for those batches. */
    public void join(UUID batch, UUID set, int position, List<UUID> waitsFor) {
        jdbc.update("update intake.import_batch set set_id = ?, set_position = ?, waits_for = ? where id = ?", set,
                position, waitsFor.toArray(UUID[]::new), batch);
    }

    public Optional<ImportSet> find(UUID id, String organisation) {
        return jdbc.first("select * from intake.import_set where id = ? and organisation = ?", SetStore::set, id,
                organisation);
    }

    /** The organisation's sets, newest first, after a set's creation time and ID. */
    public List<ImportSet> newestFirst(String organisation, int limit, Instant afterCreated, UUID afterId) {
        if (afterCreated == null) {
            return jdbc.list("""
                    select * from intake.import_set where organisation = ? order by created_at desc, id desc limit ?
                    """, SetStore::set, organisation, limit);
        }
        return jdbc.list("""
                select * from intake.import_set where organisation = ? and (created_at, id) < (?, ?)
                order by created_at desc, id desc limit ?
                """, SetStore::set, organisation, afterCreated, afterId, limit);
    }

    /** The set's batches in their order, with the batches each waits for. */
    public List<Member> members(UUID set) {
        return jdbc.list("""
                select id, waits_for from intake.import_batch where set_id = ? order by set_position, id
                """, row -> new Member(Jdbc.uuid(row, "id"), uuids(row)), set);
    }

    /** A batch of a set and the batches of the set it waits for. */
    public record Member(UUID batch, List<UUID> waitsFor) {
        public Member {
            waitsFor = List.copyOf(waitsFor);
        }
    }

    private static List<UUID> uuids(ResultSet row) throws SQLException {
        Object[] values = (Object[]) row.getArray("waits_for").getArray();
        List<UUID> ids = new ArrayList<>();
        for (Object value : values) {
            ids.add((UUID) value);
        }
        return ids;
    }

    private static ImportSet set(ResultSet row) throws SQLException {
        return new ImportSet(Jdbc.uuid(row, "id"), row.getString("organisation"), row.getString("created_by"),
                Jdbc.instant(row, "created_at"), row.getBoolean("dry_run"), row.getString("workbook"),
                List.of((String[]) row.getArray("ignored_sheets").getArray()));
    }
}
