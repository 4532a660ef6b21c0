package dev.intake.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The database layout of the last release with one Flyway history for the engine and the sample domain: every table
 * in the schema {@code public}, recorded in {@code public.flyway_schema_history} as V1 to V13. Its engine tables are
 * the ones the engine's V1 creates; they are moved, with their rows, indexes, constraints and sequences, into the
 * engine's schema. The domain's tables and the earlier history stay where they are: the application's own migrations
 * decide about those, and nothing reads the earlier history again.
 */
final class SingleHistoryLayout {

    /** The engine's tables in that layout, in an order that moves referenced tables first. */
    static final List<String> TABLES = List.of("import_batch", "import_file_part", "import_row", "import_chunk",
            "import_outcome", "import_batch_event", "custom_field", "saved_mapping", "header_memory");

    /** The version that release migrated to, whose engine tables match the engine's V1 exactly. */
    static final int LAST_VERSION = 13;

    /** The first engine script of that history, as its file is named (Flyway records it with its folder). */
    private static final String ENGINE_SCRIPT = "(^|/)V2__import_engine\\.sql$";

    private SingleHistoryLayout() {
    }

    /**
     * The earlier layout, when the database has it: an {@code import_batch} table in {@code public} that Intake's
     * earlier history created. A table of that name that some other application made is left alone.
     *
     * @throws IllegalStateException when that history stopped before its last version, or at a failed migration:
     *         the tables are then not the ones the engine's V1 expects, and moving them would lose the difference
     */
    static Optional<SingleHistoryLayout> find(Connection connection) throws SQLException {
        if (!exists(connection, "public.import_batch") || !exists(connection, "public.flyway_schema_history")) {
            return Optional.empty();
        }
        try (PreparedStatement query = connection.prepareStatement("""
                select bool_or(script ~ ?) as ours, bool_and(success) as succeeded,
                       max(case when version ~ '^[0-9]+$' then cast(version as integer) end) as last
                from public.flyway_schema_history
                """)) {
            query.setString(1, ENGINE_SCRIPT);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                if (!row.getBoolean("ours")) {
                    return Optional.empty();
                }
                int last = row.getInt("last");
                if (!row.getBoolean("succeeded") || last < LAST_VERSION) {
                    throw new IllegalStateException("This database holds Intake's tables as an earlier release laid "
                            + "them out, in the schema public, but its migrations " + (row.getBoolean("succeeded")
                                    ? "stopped at V" + last : "include one that failed (see public.flyway_schema_history)")
                            + "; the engine can move them into the schema intake only from V" + LAST_VERSION
                            + ". Start the last release with a single migration history on this database once, so "
                            + "that it migrates it to V" + LAST_VERSION + ", then start this one.");
                }
            }
        }
        return Optional.of(new SingleHistoryLayout());
    }

    /** Moves the engine's tables, with everything that belongs to them, into the schema. */
    void moveTablesInto(String schema, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("alter table public." + table + " set schema " + schema);
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
