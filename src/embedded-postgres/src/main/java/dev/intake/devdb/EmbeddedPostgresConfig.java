package dev.intake.devdb;

import java.util.Optional;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded PostgreSQL started when no JDBC URL is configured. These settings are read by
 * {@link EmbeddedPostgresConfigSourceFactory} before the application starts; they are declared here so they are
 * checked and documented with the rest.
 */
// Registered although nothing injects it, so that its settings are validated and documented with the rest
@Unremovable
@ConfigMapping(prefix = "intake.embedded-postgres")
public interface EmbeddedPostgresConfig {

    /** Whether to start one at all when no JDBC URL is configured. */
    @WithDefault("true")
    boolean enabled();

    /** Where its data lives between restarts; {@code ~/.intake/postgres} by default. */
    Optional<String> dataDir();

    /** Use a fresh temporary data directory, removed at exit, instead (the test profile does). */
    @WithDefault("false")
    boolean temporary();

    /** Its port; 0 picks a free one. */
    @WithDefault("0")
    int port();
}
