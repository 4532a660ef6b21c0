package dev.intake.server.remote;

import java.nio.file.Path;
import java.util.Map;

import dev.intake.fixtures.CrmApi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the CRM before the server and configures the server's targets on it, as an operator would:
 * <ul>
 * <li>{@code crm}: introspection, with its overlay;
 * <li>{@code vault}: the same API behind an endpoint that turns introspection off, read from an SDL file;
 * <li>{@code sealed}: that endpoint with no file, so its schema cannot be read;
 * <li>{@code broken}: an overlay that does not fit the schema;
 * <li>{@code down}: an address where nothing listens.
 * </ul>
 */
public class CrmTargets implements QuarkusTestResourceLifecycleManager {

    static CrmApi api;

    @Override
    public Map<String, String> start() {
        api = CrmApi.start();
        Path resources = Path.of("src/test/resources/targets").toAbsolutePath();
        return Map.ofEntries(
                Map.entry("intake.targets.crm.url", api.url("/graphql")),
                Map.entry("intake.targets.crm.overlay", CrmApi.OVERLAY.toString()),
                Map.entry("intake.targets.crm.headers.\"X-Api-Key\"", "crm-key-123"),
                Map.entry("intake.targets.vault.url", api.url("/sealed/graphql")),
                Map.entry("intake.targets.vault.schema-file", resources.resolve("crm-schema.graphql").toString()),
                Map.entry("intake.targets.sealed.url", api.url("/sealed/graphql")),
                Map.entry("intake.targets.broken.url", api.url("/graphql")),
                Map.entry("intake.targets.broken.overlay", resources.resolve("broken-overlay.yaml").toString()),
                Map.entry("intake.targets.down.url", "http://127.0.0.1:9/graphql"),
                Map.entry("intake.targets.down.connect-timeout", "2s"));
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}
