package dev.intake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.intake.support.PackagedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The packaged server, started as an operator starts it: embedded PostgreSQL by default, or a configured one. */
class PackagedServerIT {

    private static final String CREATE = """
            {"query": "mutation { createAccount(input: {name: \\"%s\\"}) { id } }"}""";
    private static final String LIST = """
            {"query": "{ accounts { name } }"}""";

    @Test
    void the_embedded_database_keeps_its_data_across_restarts_and_stops_with_the_server(@TempDir Path dataDir) {
        Map<String, String> properties = Map.of("intake.embedded-postgres.data-dir", dataDir.toString());
        long postmaster;
        try (PackagedServer server = PackagedServer.start("embedded", properties, Map.of())) {
            assertTrue(server.get("/q/health").contains("\"UP\""));
            assertTrue(server.graphql(CREATE.formatted("Persistent Ltd")).contains("\"id\""));
            postmaster = postmasterPid(dataDir).orElseThrow();
            assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(143, server.stop(), "a clean shutdown on SIGTERM");
        }
        assertTrue(exitsWithin(postmaster, Duration.ofSeconds(10)), "no PostgreSQL is left running after a clean shutdown");
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")));

        try (PackagedServer again = PackagedServer.start("embedded-again", properties, Map.of())) {
            assertTrue(again.graphql(LIST).contains("Persistent Ltd"), "the data survived the restart");
        }
    }

    @Test
    void a_configured_jdbc_url_is_used_and_no_database_is_started(@TempDir Path unusedDataDir) throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            Map<String, String> environment = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", external.getJdbcUrl("postgres", "postgres"),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres");
            try (PackagedServer server = PackagedServer.start("external", Map.of("intake.embedded-postgres.data-dir",
                    unusedDataDir.toString()), environment)) {
                assertTrue(server.graphql(CREATE.formatted("External Ltd")).contains("\"id\""));
                assertFalse(server.log().contains("Started embedded PostgreSQL"));
            }
            assertEquals(List.of(), list(unusedDataDir), "nothing was initialised in the embedded data directory");
            try (Connection connection = external.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select count(*) from account where name = 'External Ltd'")) {
                rows.next();
                assertEquals(1, rows.getInt(1));
            }
        }
    }

    private static boolean exitsWithin(long pid, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static Optional<Long> postmasterPid(Path dataDir) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
