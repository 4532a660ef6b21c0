package dev.intake.server.remote;

import java.util.Map;

import dev.intake.fixtures.CrmApi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a CRM of its own and configures targets on it for imports: {@code crm}, with an API key; {@code crmoauth},
 * which takes the CRM's OAuth2 client-credentials tokens; {@code crmforged}, whose client secret the provider
 * refuses; {@code crmbatch}, which takes ten rows per request; {@code crmatomic}, the same with the CRM running a
 * request's rows as one transaction when a test turns that on; {@code crmfastify}, the same CRM on Mercurius, five rows
 * per request; {@code crmsafe}, whose overlay gives createContact's idempotency key and an account's natural key;
 * {@code crmundo}, whose overlay declares how createContact and updateContact rows are undone; and {@code crmkeyed},
 * five rows per request with each row's key in the document (a directive, an argument). The workers run, a paused
 * batch's target is probed every second (or as often as the {@code probe-interval} argument says), and {@code crm}
 * pauses after three seconds unreachable.
 */
public class CrmImportTarget implements QuarkusTestResourceLifecycleManager {

    static CrmApi api;

    /** The same CRM on Mercurius, target {@code crmfastify}. */
    static CrmApi mercurius;

    private String probeInterval = "1s";

    @Override
    public void init(Map<String, String> initArgs) {
        probeInterval = initArgs.getOrDefault("probe-interval", probeInterval);
    }

    @Override
    public Map<String, String> start() {
        api = CrmApi.start();
        mercurius = CrmApi.start("mercurius.mjs");
        return Map.ofEntries(
                Map.entry("intake.targets.crmfastify.url", mercurius.url("/graphql")),
                Map.entry("intake.targets.crmfastify.overlay", CrmApi.OVERLAY.toString()),
                Map.entry("intake.targets.crmfastify.rows-per-request", "5"),
                Map.entry("intake.targets.crm.url", api.url("/graphql")),
                Map.entry("intake.targets.crm.overlay", CrmApi.OVERLAY.toString()),
                Map.entry("intake.targets.crm.max-concurrency", "4"),
                Map.entry("intake.targets.crm.unreachable-pause", "3s"),
                Map.entry("intake.targets.crm.timeout", "2s"),
                Map.entry("intake.targets.crmsafe.url", api.url("/graphql")),
                Map.entry("intake.targets.crmsafe.overlay", CrmApi.OVERLAY_EXACTLY_ONCE.toString()),
                Map.entry("intake.targets.crmsafe.timeout", "2s"),
                Map.entry("intake.targets.crmsafe.settle-time", "1s"),
                Map.entry("intake.targets.crmsafe.unreachable-pause", "20s"),
                Map.entry("intake.targets.crmundo.url", api.url("/graphql")),
                Map.entry("intake.targets.crmundo.overlay", CrmApi.OVERLAY_UNDO.toString()),
                Map.entry("intake.targets.crmkeyed.url", api.url("/graphql")),
                Map.entry("intake.targets.crmkeyed.overlay", CrmApi.OVERLAY_KEYS_IN_DOCUMENT.toString()),
                Map.entry("intake.targets.crmkeyed.rows-per-request", "5"),
                Map.entry("intake.targets.crmkeyed.timeout", "2s"),
                Map.entry("intake.targets.crmkeyed.unreachable-pause", "20s"),
                Map.entry("intake.targets.crmbatch.url", api.url("/graphql")),
                Map.entry("intake.targets.crmbatch.overlay", CrmApi.OVERLAY.toString()),
                Map.entry("intake.targets.crmbatch.rows-per-request", "10"),
                Map.entry("intake.targets.crmatomic.url", api.url("/graphql")),
                Map.entry("intake.targets.crmatomic.overlay", CrmApi.OVERLAY.toString()),
                Map.entry("intake.targets.crmatomic.rows-per-request", "10"),
                Map.entry("intake.targets.crmatomic.atomic-requests", "true"),
                Map.entry("intake.targets.crmoauth.url", api.url("/secured/graphql")),
                Map.entry("intake.targets.crmoauth.overlay", CrmApi.OVERLAY.toString()),
                Map.entry("intake.targets.crmoauth.oidc-client", "crm"),
                Map.entry("quarkus.oidc-client.crm.auth-server-url", api.url("/oauth")),
                Map.entry("quarkus.oidc-client.crm.client-id", "intake"),
                Map.entry("quarkus.oidc-client.crm.credentials.secret", "intake-test-secret"),
                Map.entry("quarkus.oidc-client.crm.grant.type", "client"),
                Map.entry("intake.targets.crmforged.url", api.url("/secured/graphql")),
                Map.entry("intake.targets.crmforged.oidc-client", "forged"),
                Map.entry("quarkus.oidc-client.forged.auth-server-url", api.url("/oauth")),
                Map.entry("quarkus.oidc-client.forged.client-id", "intake"),
                Map.entry("quarkus.oidc-client.forged.credentials.secret", "not-the-secret"),
                Map.entry("quarkus.oidc-client.forged.grant.type", "client"),
                Map.entry("intake.worker.scheduled", "true"),
                Map.entry("intake.worker.poll-interval", "200ms"),
                Map.entry("intake.worker.target-probe-interval", probeInterval));
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
        if (mercurius != null) {
            mercurius.close();
        }
    }
}
