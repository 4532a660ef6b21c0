package dev.intake.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import dev.intake.fixtures.SingleHistoryDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A database that the release with one migration history migrated and imported into (its own scripts, then the rows
 * of a real run of it) is migrated by the engine without loss: every engine table moves into the schema intake with
 * every row, its sequences go on from where they were, and the domain's tables and the earlier history stay as they
 * were. A database that release left short of its last version is refused, saying what to do.
 */
class SingleHistoryMoveTest {

    private static final List<String> ENGINE_TABLES = List.of("import_batch", "import_batch_event", "import_chunk",
            "import_file_part", "import_outcome", "import_row", "custom_field", "saved_mapping", "header_memory");

    @Test
    void every_engine_table_moves_into_the_schema_intake_with_every_row_and_the_rest_stays() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource database = postgres.getPostgresDatabase();
            SingleHistoryDatabase.load(database);
            Map<String, Long> before = counts(database, "public", ENGINE_TABLES);
            long accounts = count(database, "select count(*) from public.account");
            long contacts = count(database, "select count(*) from public.contact");
            String files = text(database, "select string_agg(md5(bytes), ',' order by batch_id, part) from public.import_file_part");
            assertTrue(before.get("import_batch") >= 6 && before.get("import_outcome") > 0 && accounts > 0, before.toString());

            assertEquals(EngineSchema.SCRIPTS.size() + 1, EngineSchema.migrate(database).migrationsExecuted,
                    "the move (V1), then the scripts after it");

            assertEquals(before, counts(database, "intake", ENGINE_TABLES), "every row of every engine table, moved");
            assertEquals(List.of(), tables(database, "public", ENGINE_TABLES), "no engine table is left in public");
            assertEquals(files, text(database, "select string_agg(md5(bytes), ',' order by batch_id, part) from "
                    + "intake.import_file_part"), "the uploaded files, byte for byte");
            assertEquals(accounts, count(database, "select count(*) from public.account"));
            assertEquals(contacts, count(database, "select count(*) from public.contact"));
            assertEquals(13, count(database, "select count(*) from public.flyway_schema_history where success"),
                    "the earlier history is left as it was");
            assertEquals("engine tables", text(database, "select description from intake.flyway_schema_history "
                    + "where version = '1'"));
            long lastChunk = count(database, "select max(id) from intake.import_chunk");
            long nextChunk = count(database, """
                    insert into intake.import_chunk (batch_id, seq, first_row, last_row, row_count, status)
                    select id, 99, 1, 1, 1, 'DONE' from intake.import_batch limit 1 returning id""");
            assertTrue(nextChunk > lastChunk, "the moved sequence goes on after " + lastChunk + ": " + nextChunk);

            assertEquals(0, EngineSchema.migrate(database).migrationsExecuted, "a second start finds nothing to do");
        }
    }

    @Test
    void a_database_that_release_left_short_of_its_last_version_is_refused_saying_what_to_do() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource database = postgres.getPostgresDatabase();
            SingleHistoryDatabase.migrate(database, "5");

            FlywayException refused = assertThrows(FlywayException.class, () -> EngineSchema.migrate(database));

            StringBuilder message = new StringBuilder();
            for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
                message.append(cause.getMessage()).append('\n');
            }
            assertTrue(message.toString().contains("but its migrations stopped at V5; the engine can move them into the "
                    + "schema intake only from V13"), message.toString());
        }
    }

    @Test
    void the_engines_first_migration_makes_the_tables_that_release_left_column_for_column() throws Exception {
        try (EmbeddedPostgres moved = EmbeddedPostgres.builder().start();
                EmbeddedPostgres fresh = EmbeddedPostgres.builder().start()) {
            SingleHistoryDatabase.migrate(moved.getPostgresDatabase(), "13");
            EngineSchema.migrate(moved.getPostgresDatabase());
            EngineSchema.migrate(fresh.getPostgresDatabase());

            for (String query : List.of(COLUMNS, CONSTRAINTS, INDEXES)) {
                assertEquals(rows(moved.getPostgresDatabase(), query), rows(fresh.getPostgresDatabase(), query));
            }
        }
    }

    private static final String COLUMNS = """
            select table_name || '.' || column_name || ' ' || ordinal_position || ' ' || data_type || ' '
                   || is_nullable || ' ' || coalesce(column_default, '')
            from information_schema.columns where table_schema = 'intake' and table_name <> 'flyway_schema_history'
            order by table_name, ordinal_position""";
    private static final String CONSTRAINTS = """
            select c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
            from pg_constraint c join pg_namespace n on n.oid = c.connamespace
            where n.nspname = 'intake' and c.conrelid::regclass::text not like '%flyway_schema_history%'
            order by 1""";
    private static final String INDEXES = """
            select indexdef from pg_indexes where schemaname = 'intake' and tablename <> 'flyway_schema_history'
            order by indexname""";

    private static List<String> rows(DataSource database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static Map<String, Long> counts(DataSource database, String schema, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, count(database, "select count(*) from " + schema + "." + table));
        }
        return counts;
    }

    private static List<String> tables(DataSource database, String schema, List<String> names) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select table_name from information_schema.tables where "
                        + "table_schema = '" + schema + "' order by table_name")) {
            while (rows.next()) {
                if (names.contains(rows.getString(1))) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    private static long count(DataSource database, String sql) throws SQLException {
        return Long.parseLong(text(database, sql));
    }

    private static String text(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
