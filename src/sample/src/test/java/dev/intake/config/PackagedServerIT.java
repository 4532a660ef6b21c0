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

/**
 * The packaged server, started as an operator starts it: embedded PostgreSQL by default, or a configured one,
 * with the production profile and an identity provider's public key configured.
 */
class PackagedServerIT {

    private static final String CREATE = """
            {"query": "mutation { createAccount(input: {name: \\"%s\\"}) { id } }"}""";
    private static final String LIST = """
            {"query": "{ accounts { name } }"}""";
    private static final Map<String, String> TRUST_DEV_KEY = PackagedServer.trustDevKey();

    @Test
    void the_embedded_database_keeps_its_data_across_restarts_and_stops_with_the_server(@TempDir Path dataDir)
            throws Exception {
        Map<String, String> properties = with(TRUST_DEV_KEY, "intake.embedded-postgres.data-dir", dataDir.toString());
        long postmaster;
        try (PackagedServer server = PackagedServer.start("embedded", properties, Map.of())) {
            assertTrue(server.get("/q/health").contains("\"UP\""));
            assertTrue(server.graphql(CREATE.formatted("Persistent Ltd")).contains("\"id\""));
            postmaster = postmasterPid(dataDir).orElseThrow();
            assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
            assertEquals("on", setting(dataDir, "synchronous_commit"),
                    "a persistent data directory acknowledges a commit only once it is on disk");
            assertEquals("on", setting(dataDir, "fsync"), "and writes reach the disk");
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
            try (PackagedServer server = PackagedServer.start("external", with(TRUST_DEV_KEY,
                    "intake.embedded-postgres.data-dir", unusedDataDir.toString()), environment)) {
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

    @Test
    void the_dev_token_endpoint_does_not_exist_in_a_production_build(@TempDir Path dataDir) {
        try (PackagedServer server = PackagedServer.start("prod-no-dev-token", with(TRUST_DEV_KEY,
                "intake.embedded-postgres.data-dir", dataDir.toString()), Map.of())) {
            assertEquals(404, server.status("/dev/token?user=mallory&roles=import-admin&org=acme", null));
            assertEquals(404, server.status("/dev/token", PackagedServer.token("ada", "acme", "import-admin")));
            assertEquals(401, server.status("/imports/templates/createAccount.csv", null));
            assertEquals(200, server.status("/imports/templates/createAccount.csv",
                    PackagedServer.token("ada", "acme", "import-admin")));
        }
    }

    @Test
    void without_an_identity_provider_or_a_key_the_server_starts_and_refuses_every_token(@TempDir Path dataDir) {
        try (PackagedServer server = PackagedServer.start("prod-no-key",
                Map.of("intake.embedded-postgres.data-dir", dataDir.toString()), Map.of())) {
            assertTrue(server.get("/q/health").contains("\"UP\""));
            assertEquals(401, server.status("/imports/templates/createAccount.csv",
                    PackagedServer.token("ada", "acme", "import-admin")));
            assertEquals(404, server.status("/dev/oidc/jwks", null), "the dev sign-in is not in a production build");
            assertEquals(401, server.status("/console/imports", null), "the console is off until configured");
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
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

    /** A setting of the embedded server, read over its port from {@code postmaster.pid} (line 4). */
    private static String setting(Path dataDir, String name) throws Exception {
        int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port
                + "/postgres", "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
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
