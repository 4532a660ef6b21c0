package com.example.library;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.ProviderSignIn;
import dev.intake.processing.ImportWorker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;

/**
 * Intake's console inside the library's application, signed in through a real OIDC provider running in the test:
 * its pages keep Intake's layout while the library's keep the library's, and a file uploaded from the wizard imports
 * through the library's own mutation.
 */
@QuarkusTest
@TestProfile(LibraryConsoleTest.Provider.class)
@WithTestResource(OidcWiremockTestResource.class)
class LibraryConsoleTest {

    /** The console tenant against the provider, as the library's operators would configure it. */
    public static class Provider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.console.tenant-enabled", "true",
                    "quarkus.oidc.console.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.console.token.issuer", "https://server.example.com",
                    "quarkus.oidc.console.credentials.secret", "console-secret");
        }
    }

    @Inject
    ImportWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void a_book_file_uploaded_from_the_console_imports_through_the_librarys_mutation_on_intakes_own_pages()
            throws SQLException {
        CookieFilter browser = ProviderSignIn.as("alice");
        String wizard = given().filter(browser).get("/console/imports/new").then().statusCode(200).extract().asString();
        assertTrue(wizard.contains("/intake/console.css") && wizard.contains("addBook"), "Intake's layout: " + wizard);
        assertTrue(!wizard.contains("Library of Lindisfarne"), "not the library's layout");

        Response upload = given().filter(browser).header("X-CSRF-Token", csrfToken(wizard))
                .multiPart("template", "addBook").multiPart("file", "books.csv",
                        "isbn,title,genre\n9780261102385,The Lord of the Rings,FICTION\n".getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .post("/console/imports");
        assertEquals(202, upload.statusCode(), upload.asString());
        worker.drain();

        String imports = given().filter(browser).get("/console/imports").then().statusCode(200).extract().asString();
        assertTrue(imports.contains("books.csv") && imports.contains("Completed"), imports);
        assertEquals(List.of("alice: The Lord of the Rings"), books(), "imported as alice, into alice's library");
    }

    private List<String> books() throws SQLException {
        List<String> books = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select library || ': ' || title from book order by id")) {
            while (rows.next()) {
                books.add(rows.getString(1));
            }
        }
        return books;
    }


    private static String csrfToken(String page) {
        Matcher meta = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">").matcher(page);
        assertTrue(meta.find(), "the page carries its CSRF token");
        return meta.group(1);
    }
}
