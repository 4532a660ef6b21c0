package dev.intake.server.remote;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.ProviderSignIn;
import dev.intake.server.ConsoleTenant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.filter.cookie.CookieFilter;

/**
 * The console with a remote target, signed in through a real OIDC provider: templates grouped by target, the
 * targets page with the schema's version and a refresh, and a batch the target refuses, paused with its reason and a
 * resume that works.
 */
@QuarkusTest
@TestProfile(ConsoleTenant.class)
@WithTestResource(OidcWiremockTestResource.class)
// The probe would resume the paused batch by itself once the target accepts again, racing the admin's resume: this
// test leaves that to the admin.
@QuarkusTestResource(value = CrmImportTarget.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name =
        "probe-interval", value = "1h"))
class RemoteConsoleTest {

    @Test
    void templates_by_target_the_targets_page_and_a_paused_batch_resumed_from_its_page() {
        CookieFilter browser = ProviderSignIn.as("alice");
        String templates = given().filter(browser).get("/console/templates").then().statusCode(200).extract()
                .asString();
        assertTrue(templates.contains("Target crm") && templates.contains("crm.createContact"), templates);
        assertTrue(templates.contains(">Targets</a>"), "an admin's menu offers the Targets page: " + templates);
        keep("templates", templates);
        String targets = given().filter(browser).get("/console/targets").then().statusCode(200).extract().asString();
        assertTrue(targets.contains("Reachable") && targets.contains("version 1, from introspection"), targets);
        keep("targets", targets);
        String csrf = csrf(targets);
        given().filter(browser).header("X-CSRF-Token", csrf).header("HX-Request", "true")
                .post("/console/targets/crm/refresh").then().statusCode(200);

        String template = given().filter(browser).get("/console/templates/crm.createContact.csv").then().statusCode(200)
                .extract().asString();
        int columns = template.split("\r?\n")[1].split(",", -1).length;
        String blanks = ",".repeat(columns - 2);
        String csv = template + "one@example.com,One" + blanks + "\r\ntwo@example.com,Two" + blanks + "\r\n";
        CrmImportTarget.api.control("faults", "{\"mode\": \"401\"}");
        String id;
        try {
            String card = given().filter(browser).header("X-CSRF-Token", csrf).header("HX-Request", "true")
                    .multiPart("file", "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                    .multiPart("template", "crm.createContact").post("/console/imports").then().statusCode(202)
                    .extract().asString();
            Matcher link = Pattern.compile("/console/imports/([0-9a-f-]{36})").matcher(card);
            assertTrue(link.find(), card);
            id = link.group(1);
            String page = awaitPage(browser, id, "Resume now");
            assertTrue(page.contains("refused Intake&#39;s credentials (HTTP 401"), page);
            assertTrue(page.contains("/console/targets#crm"), "the batch names its target: " + page);
            keep("paused-batch", page);
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        given().filter(browser).header("X-CSRF-Token", csrf).header("HX-Request", "true")
                .post("/console/imports/" + id + "/resume?part=summary").then().statusCode(200);
        String done = awaitPage(browser, id, "Completed");
        assertTrue(!done.contains("Resume now"), done);
        assertEquals(2, CrmImportTarget.api.read("records").split("@example.com").length - 1);
    }

    @Test
    void an_admin_marks_the_rows_whose_answers_were_lost_done_from_the_batch_page() {
        CookieFilter browser = ProviderSignIn.as("alice");
        String template = given().filter(browser).get("/console/templates/crm.createContact.csv").then().statusCode(200)
                .extract().asString();
        int columns = template.split("\r?\n")[1].split(",", -1).length;
        String blanks = ",".repeat(columns - 2);
        String csv = template + "lost1@example.com,Lost" + blanks + "\r\nlost2@example.com,Lost" + blanks + "\r\n";
        String csrf = csrf(given().filter(browser).get("/console/targets").then().statusCode(200).extract().asString());
        CrmImportTarget.api.control("faults", "{\"delayMs\": 3000}");
        String id;
        try {
            String card = given().filter(browser).header("X-CSRF-Token", csrf).header("HX-Request", "true")
                    .multiPart("file", "lost.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                    .multiPart("template", "crm.createContact").post("/console/imports").then().statusCode(202)
                    .extract().asString();
            Matcher link = Pattern.compile("/console/imports/([0-9a-f-]{36})").matcher(card);
            assertTrue(link.find(), card);
            id = link.group(1);
            String page = awaitPage(browser, id, "Mark them done");
            assertTrue(page.contains("2 rows were sent to") && page.contains("Send them again"), page);
            keep("unknown-rows", page);
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        String summary = given().filter(browser).header("X-CSRF-Token", csrf).header("HX-Request", "true")
                .post("/console/imports/" + id + "/unknown-rows/mark-done?part=summary").then().statusCode(200).extract()
                .asString();
        assertTrue(summary.contains("Completed") && !summary.contains("Mark them done"), summary);
        String page = given().filter(browser).get("/console/imports/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("Marked 2 rows (5, 6) whose outcome was unknown done, checked in the target by alice"),
                "the history says who: " + page);
    }

    /**
     * Keeps a page as a file under {@code target/console-pages}, with its style sheet inlined, so that a person can
     * look at it in a browser after the run.
     */
    private static void keep(String name, String page) {
        try {
            String css = given().get("/intake/console.css").then().statusCode(200).extract().asString();
            java.nio.file.Path folder = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target",
                    "console-pages"));
            java.nio.file.Files.writeString(folder.resolve(name + ".html"), page.replace(
                    "<link rel=\"stylesheet\" href=\"/intake/console.css\">", "<style>" + css + "</style>"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String awaitPage(CookieFilter browser, String id, String text) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String page = "";
        while (System.nanoTime() < deadline) {
            page = given().filter(browser).get("/console/imports/" + id).then().statusCode(200).extract().asString();
            if (page.contains(text)) {
                return page;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fail("the batch page never said " + text + ": " + page);
        return page;
    }

    private static String csrf(String page) {
        Matcher token = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
        assertTrue(token.find(), page);
        return token.group(1);
    }
}
