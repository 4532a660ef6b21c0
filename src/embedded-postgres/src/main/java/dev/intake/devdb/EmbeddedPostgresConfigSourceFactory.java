package dev.intake.devdb;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Supplies the datasource settings of an embedded PostgreSQL when no JDBC URL is configured, so the server
 * and the tests run on a machine with nothing but a JDK.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!applicationStarting() || isSet(context.getValue(JDBC_URL)) || !enabled(context)) {
            return List.of();
        }
        EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.from(
                value(context, "intake.embedded-postgres.data-dir"),
                value(context, "intake.embedded-postgres.temporary"),
                value(context, "intake.embedded-postgres.port"));
        String url = EmbeddedPostgresServer.urlOfRunningOrStart(settings);
        return List.of(new MapBackedConfigSource("intake-embedded-postgres", Map.of(
                JDBC_URL, url,
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.USER), 50) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    /**
     * Configuration is also read while the application is built and during static initialisation; only a
     * starting application needs a database, and a URL seen at build time would be recorded into the build.
     */
    private static boolean applicationStarting() {
        ExecutionMode mode = ExecutionMode.current();
        return mode == ExecutionMode.RUNTIME_INIT || mode == ExecutionMode.RUNNING;
    }

    private static boolean enabled(ConfigSourceContext context) {
        String enabled = value(context, "intake.embedded-postgres.enabled");
        return enabled == null || Boolean.parseBoolean(enabled);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return isSet(value) ? value.getValue() : null;
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
