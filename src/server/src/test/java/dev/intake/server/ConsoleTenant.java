package dev.intake.server;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The console tenant against the OIDC provider that runs in the test, as an operator configures it; its tokens name
 * the user in the claim read as the organisation.
 */
public class ConsoleTenant implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.console.tenant-enabled", "true",
                "quarkus.oidc.console.auth-server-url", "${keycloak.url}/realms/quarkus",
                "quarkus.oidc.console.token.issuer", "https://server.example.com",
                "quarkus.oidc.console.credentials.secret", "console-secret",
                "intake.security.organisation-claim", "preferred_username");
    }
}
