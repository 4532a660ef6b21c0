package dev.intake.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.ProviderSignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.filter.cookie.CookieFilter;

/**
 * The server's console, signed in through a real OIDC provider running in the test (Quarkus' WireMock provider),
 * configured as an operator configures it: it serves its pages and says that the server has no templates yet.
 */
@QuarkusTest
@TestProfile(ConsoleTenant.class)
@WithTestResource(OidcWiremockTestResource.class)
class ServerConsoleTest {

    @Test
    void the_templates_page_and_the_wizard_say_the_server_has_no_templates() {
        CookieFilter browser = ProviderSignIn.as("alice");
        String templates = given().filter(browser).get("/console/templates").then().statusCode(200).extract().asString();
        assertTrue(templates.contains("No templates yet") && templates.contains("has no templates"), templates);
        assertFalse(templates.contains(">Targets</a>"), "no targets, so no Targets page in the menu: " + templates);
        String wizard = given().filter(browser).get("/console/imports/new").then().statusCode(200).extract().asString();
        assertTrue(wizard.contains("has no templates"), wizard);
        String imports = given().filter(browser).get("/console/imports").then().statusCode(200).extract().asString();
        assertTrue(imports.contains("No imports yet"), imports);
        given().get("/intake/console.css").then().statusCode(200);
    }

}
