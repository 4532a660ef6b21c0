package dev.intake.remote;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/** Targets' schemas and what the last attempt to reach each found, in PostgreSQL. */
@ApplicationScoped
public class TargetSchemaStore {

    private final Jdbc jdbc;

    @Inject
    public TargetSchemaStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the schema a target gave now: a new version when its text differs from the newest one, else the newest
     * one checked again. Two instances that read the same new schema at once make one version.
     */
    TargetSchema save(String target, String sdl, String source, Instant now) {
        String hash = TargetSchema.hash(sdl);
        Optional<TargetSchema> previous = latest(target);
        jdbc.update("""
                insert into intake.target_schema (target, version, hash, sdl, source, read_at, checked_at)
                select ?, coalesce((select max(version) from intake.target_schema where target = ?), 0) + 1,
                       ?, ?, ?, ?, ?
                where ? is distinct from
                      (select hash from intake.target_schema where target = ? order by version desc limit 1)
                on conflict do nothing
                """, target, target, hash, sdl, source, now, now, hash, target);
        jdbc.update("""
                update intake.target_schema set checked_at = ?
                where target = ? and hash = ? and version = (select max(version) from intake.target_schema where target = ?)
                """, now, target, hash, target);
        TargetSchema saved = latest(target).orElseThrow();
        if (previous.isPresent() && saved.version() > previous.get().version() && saved.hash().equals(hash)) {
            List<String> changes = changes(previous.get().sdl(), sdl);
            jdbc.update("update intake.target_schema set changes = ? where target = ? and version = ?",
                    String.join("\n", changes), target, saved.version());
            saved = latest(target).orElseThrow();
        }
        return saved;
    }

    private static List<String> changes(String before, String after) {
        try {
            List<String> changes = SchemaChanges.between(before, after);
            return changes.isEmpty() ? List.of("No change to the queries and mutations; descriptions or unused types"
                    + " changed") : changes;
        } catch (RuntimeException e) {
            return List.of("The schema changed, and its changes could not be listed: " + e.getMessage());
        }
    }

    Optional<TargetSchema> latest(String target) {
        return jdbc.first("select * from intake.target_schema where target = ? order by version desc limit 1",
                TargetSchemaStore::schema, target);
    }

    void state(String target, boolean reachable, String problem, Instant now) {
        jdbc.update("""
                insert into intake.target_state (target, reachable, problem, checked_at) values (?, ?, ?, ?)
                on conflict (target) do update set reachable = excluded.reachable, problem = excluded.problem,
                    checked_at = excluded.checked_at
                """, target, reachable, problem, now);
    }

    private static TargetSchema schema(ResultSet row) throws SQLException {
        return new TargetSchema(row.getString("target"), row.getInt("version"), row.getString("hash"),
                row.getString("sdl"), row.getString("source"), Jdbc.instant(row, "read_at"),
                Jdbc.instant(row, "checked_at"), row.getString("changes") == null ? List.of()
                        : List.of(row.getString("changes").split("\n")));
    }
}
