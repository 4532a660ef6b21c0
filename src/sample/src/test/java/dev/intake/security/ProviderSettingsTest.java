package dev.intake.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.intake.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/**
 * The production settings, against an OIDC provider that runs in the test (Quarkus' WireMock provider, with
 * discovery, JWKS, a login page and a token endpoint) instead of the dev key and the dev sign-in: both the API's
 * bearer tokens and the console's code flow find the provider's keys and endpoints from
 * {@code auth-server-url} alone, as they would with Keycloak.
 */
@QuarkusTest
@TestProfile(ProviderSettingsTest.Discovery.class)
@WithTestResource(OidcWiremockTestResource.class)
class ProviderSettingsTest {

    private static final String ISSUER = "https://server.example.com";

    /** The settings a production deployment sets: the provider's URL, and no inline key. */
    public static class Discovery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus"),
                    Map.entry("quarkus.oidc.public-key", ""),
                    Map.entry("quarkus.oidc.token.issuer", ISSUER),
                    Map.entry("quarkus.oidc.token.audience", ISSUER),
                    Map.entry("quarkus.oidc.console.auth-server-url", "${keycloak.url}/realms/quarkus"),
                    Map.entry("quarkus.oidc.console.discovery-enabled", "true"),
                    Map.entry("quarkus.oidc.console.authorization-path", ""),
                    Map.entry("quarkus.oidc.console.token-path", ""),
                    Map.entry("quarkus.oidc.console.jwks-path", ""),
                    Map.entry("quarkus.oidc.console.end-session-path", ""),
                    Map.entry("quarkus.oidc.console.token.issuer", ISSUER),
                    Map.entry("quarkus.oidc.console.credentials.secret", "console-secret"));
        }
    }

    @Test
    void the_api_takes_the_providers_tokens_and_no_longer_the_dev_key() {
        String token = Jwt.preferredUserName("ada").groups(Set.of("import-admin")).claim("org", "acme")
                .issuer(ISSUER).audience(ISSUER).jws().keyId("1").sign("privateKey.jwk");
        String template = given().auth().oauth2(token).get("/imports/templates/createAccount.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(template.contains("input/name"), template);

        given().auth().oauth2(Tokens.ADMIN).get("/imports/templates/createAccount.csv").then().statusCode(401);
        String wrongIssuer = Jwt.preferredUserName("ada").groups(Set.of("import-admin")).claim("org", "acme")
                .issuer("https://elsewhere.example.com").audience(ISSUER).jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(wrongIssuer).get("/imports/templates/createAccount.csv").then().statusCode(401);
    }

    @Test
    void the_console_signs_in_on_the_providers_login_page_and_reads_roles_from_its_token() {
        CookieFilter browser = new CookieFilter();
        Response toProvider = given().filter(browser).redirects().follow(false).get("/console/imports");
        assertEquals(302, toProvider.statusCode());
        URI authorize = URI.create(toProvider.header("Location"));
        assertTrue(authorize.getPath().endsWith("/auth/realms/quarkus"), "the discovered authorization endpoint: " + authorize);

        String login = given().get(authorize).then().statusCode(200).extract().asString();
        String state = hidden(login, "state");
        // The login page echoes the query as it came, still URL-encoded.
        String redirectUri = java.net.URLDecoder.decode(hidden(login, "redirect_uri"), java.nio.charset.StandardCharsets.UTF_8);
        URI loginUri = authorize.resolve("/login");
        Response back = given().redirects().follow(false).queryParam("state", state).queryParam("redirect_uri", redirectUri)
                .queryParam("username", "alice").queryParam("password", "alice").get(loginUri);
        assertEquals(302, back.statusCode());
        URI callback = URI.create(back.header("Location"));
        Response signedIn = given().filter(browser).redirects().follow(false)
                .get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertTrue(signedIn.statusCode() == 302 || signedIn.statusCode() == 200, signedIn.statusLine() + " " + signedIn.asString());

        // The provider's token has the import-admin role in its groups but no organisation claim: the console
        // says so, instead of showing anything.
        String page = given().filter(browser).get("/console/imports").then().statusCode(403).extract().asString();
        assertTrue(page.contains("alice") && page.contains("names no organisation"), page);
    }

    private static String hidden(String html, String name) {
        Matcher matcher = Pattern.compile("id=\"" + name + "\" name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(matcher.find(), name + " in " + html);
        return matcher.group(1);
    }
}
