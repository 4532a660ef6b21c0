package dev.intake.server.remote;

import java.util.Map;

import dev.intake.fixtures.CrmApi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a CRM of its own and configures one target on it, {@code crm}, for imports: the workers run, a paused batch's
 * target is probed every second, and it pauses after three seconds unreachable.
 */
public class CrmImportTarget implements QuarkusTestResourceLifecycleManager {

    static CrmApi api;

    @Override
    public Map<String, String> start() {
        api = CrmApi.start();
        return Map.ofEntries(
                Map.entry("intake.targets.crm.url", api.url("/graphql")),
                Map.entry("intake.targets.crm.overlay", CrmApi.OVERLAY.toString()),
                Map.entry("intake.targets.crm.max-concurrency", "4"),
                Map.entry("intake.targets.crm.unreachable-pause", "3s"),
                Map.entry("intake.targets.crm.timeout", "2s"),
                Map.entry("intake.worker.scheduled", "true"),
                Map.entry("intake.worker.poll-interval", "200ms"),
                Map.entry("intake.worker.target-probe-interval", "1s"));
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}
