package dev.intake.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts at most one embedded PostgreSQL per JVM and stops it when the JVM exits, after the application has
 * stopped, so that no worker loses its database in the middle of a chunk.
 * <p>
 * The running server's URL is kept in a system property rather than a static field, because dev mode and
 * test profiles restart the application in fresh class loaders inside the same JVM.
 */
final class EmbeddedPostgresServer {

    static final String USER = "postgres";
    private static final String RUNNING_URL = "dev.intake.embedded-postgres.running-url";
    /** Set while the application runs; a system property because dev mode restarts it in new class loaders. */
    private static final String APPLICATION_RUNNING = "dev.intake.application-running";
    private static final Duration APPLICATION_STOP_WAIT = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    private EmbeddedPostgresServer() {
    }

    static synchronized String urlOfRunningOrStart(EmbeddedPostgresSettings settings) {
        String running = System.getProperty(RUNNING_URL);
        if (running != null) {
            return running;
        }
        String url = start(settings);
        System.setProperty(RUNNING_URL, url);
        return url;
    }

    private static String start(EmbeddedPostgresSettings settings) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(settings.port())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setRegisterShutdownHook(false);
            if (settings.temporary()) {
                // The library's defaults, kept for throw-away test clusters: fsync off (its -F) and commits
                // acknowledged before they are on disk.
                builder.setServerConfig("synchronous_commit", "off").setCleanDataDirectory(true);
            } else {
                // Data a user imports into is kept as PostgreSQL keeps it by default: acknowledged means on disk.
                // The -c options come after the library's -F, so they win.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                Files.createDirectories(settings.dataDir());
                stopOrphanedPostmaster(settings.dataDir());
                builder.setDataDirectory(settings.dataDir()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterApplication(postgres), "embedded-postgres-stop"));
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            LOG.infof("Started embedded PostgreSQL at %s with data in %s", url,
                    settings.temporary() ? "a temporary directory" : settings.dataDir());
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL; set QUARKUS_DATASOURCE_JDBC_URL "
                    + "to use an external database instead", e);
        }
    }

    /** Called when the application has started and when it has stopped (its workers first). */
    static void applicationRunning(boolean running) {
        System.setProperty(APPLICATION_RUNNING, Boolean.toString(running));
    }

    private static void stopAfterApplication(EmbeddedPostgres postgres) {
        long deadline = System.nanoTime() + APPLICATION_STOP_WAIT.toNanos();
        while (Boolean.getBoolean(APPLICATION_RUNNING) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL cleanly", e);
        }
    }

    /**
     * A server process killed without a clean shutdown leaves its PostgreSQL running on the data directory,
     * which would refuse a second postmaster. Stop it first.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .filter(ProcessHandle::isAlive)
                        .filter(EmbeddedPostgresServer::isPostgres);
        if (postmaster.isEmpty()) {
            return;
        }
        LOG.warnf("Stopping an orphaned PostgreSQL (pid %d) left running on %s", postmaster.get().pid(), dataDir);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("An orphaned PostgreSQL (pid " + postmaster.get().pid() + ") still runs on " + dataDir
                    + "; stop it and start again", e);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
    }
}
