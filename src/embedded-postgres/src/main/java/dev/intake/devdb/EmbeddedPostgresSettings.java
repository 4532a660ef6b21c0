package dev.intake.devdb;

import java.nio.file.Path;

/**
 * How to run the embedded PostgreSQL: a persistent data directory, or a temporary one removed at exit.
 *
 * @param dataDir where the cluster lives; {@code null} means a fresh temporary directory
 * @param port the port to listen on; 0 picks a free one
 */
record EmbeddedPostgresSettings(Path dataDir, int port) {

    static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".intake", "postgres");

    static EmbeddedPostgresSettings from(String dataDir, String temporary, String port) {
        int portNumber = port == null ? 0 : Integer.parseInt(port.trim());
        if (Boolean.parseBoolean(temporary)) {
            return new EmbeddedPostgresSettings(null, portNumber);
        }
        return new EmbeddedPostgresSettings(dataDir == null ? DEFAULT_DATA_DIR : expandHome(dataDir.trim()), portNumber);
    }

    private static Path expandHome(String dir) {
        if (dir.equals("~") || dir.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + dir.substring(1));
        }
        return Path.of(dir);
    }

    boolean temporary() {
        return dataDir == null;
    }
}
