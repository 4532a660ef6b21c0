package dev.intake.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Signing in to the console is a real authorization code flow: the browser is sent to the provider (in tests,
 * the dev-only one inside the server), signs in there, comes back with a code that the server exchanges for
 * tokens, and gets a session cookie that opens the console and nothing else.
 */
@QuarkusTest
class ConsoleSignInTest {

    @Inject
    ImportWorker worker;

    @Test
    void a_browser_without_a_session_is_sent_to_sign_in() {
        Response response = given().redirects().follow(false).get("/console/imports");
        assertEquals(302, response.statusCode());
        assertTrue(response.header("Location").contains("/dev/oidc/authorize"), response.header("Location"));
    }

    @Test
    void an_admin_signs_in_and_sees_the_imports_of_their_organisation_only() {
        String own = UniqueNames.of("Console Own");
        String id = Imports.accepted("createAccount", own + ".csv", Imports.csv("name", own));
        String other = UniqueNames.of("Console Other");
        Imports.upload(Tokens.of("olga", "globex", "import-admin", "accounts-writer"), "createAccount",
                other + ".csv", Imports.csv("name", other).getBytes()).then().statusCode(202);

        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        String page = given().filter(browser).get("/console/imports").then().statusCode(200).extract().asString();

        assertTrue(page.contains(own + ".csv"), "the organisation's batch is listed");
        assertFalse(page.contains(other + ".csv"), "another organisation's batch is not");
        assertTrue(page.contains("ada · acme"), "the page says who is signed in");
        assertTrue(page.contains("hx-get=\"/console/imports/" + id + "/row\" hx-trigger=\"intake:changed, every 2s [!window.intakeStreamOpen]\""),
                "a batch that has not ended polls its row");

        assertEquals(null, given().filter(browser).get("/console/imports/" + id + "/summary").then().statusCode(200)
                .extract().header("HX-Refresh"), "a running batch's summary just updates");

        Imports.finish(worker, id);
        String row = given().filter(browser).get("/console/imports/" + id + "/row").then().statusCode(200).extract()
                .asString();
        assertTrue(row.contains("Completed"), row);
        assertFalse(row.contains("hx-trigger"), "an ended batch's row stops polling: " + row);
    }

    @Test
    void the_detail_page_shows_the_failed_rows_and_the_console_downloads_the_exceptions_file() {
        String good = UniqueNames.of("Detail Good");
        String id = Imports.accepted("createAccount", "detail.csv", Imports.csv("name,website", good + ",", ",https://no-name.example"));
        Imports.finish(worker, id);
        CookieFilter browser = signIn("vic", Tokens.ORGANISATION, List.of("import-viewer"));

        String page = given().filter(browser).get("/console/imports/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("Partly imported"), page);
        assertTrue(page.contains("Row 3"), "the failed row's message: " + page);
        assertTrue(page.contains("input/name"), "the column at fault");
        assertFalse(page.contains("hx-trigger"), "an ended batch does not poll");
        assertEquals("true", given().filter(browser).get("/console/imports/" + id + "/summary").then().statusCode(200)
                .extract().header("HX-Refresh"), "a summary that was polling reloads its page once the batch has ended");

        String exceptions = given().filter(browser).get("/console/imports/" + id + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.contains(",3,VALIDATION,"), exceptions);
        assertFalse(exceptions.contains(good), "only the failed row: " + exceptions);
    }

    @Test
    void another_organisations_batch_is_the_not_found_page() {
        String other = UniqueNames.of("Hidden");
        String id = Imports.upload(Tokens.of("olga", "globex", "import-admin", "accounts-writer"), "createAccount",
                other + ".csv", Imports.csv("name", other).getBytes()).then().statusCode(202).extract().path("id");
        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        String page = given().filter(browser).get("/console/imports/" + id).then().statusCode(404).extract().asString();
        assertTrue(page.contains("There is no import batch"), page);
        given().filter(browser).get("/console/imports/" + id + "/original").then().statusCode(404);
    }

    @Test
    void the_templates_page_lists_every_template_with_its_columns_and_downloads() {
        CookieFilter browser = signIn("vic", Tokens.ORGANISATION, List.of("import-viewer"));
        String page = given().filter(browser).get("/console/templates").then().statusCode(200).extract().asString();
        assertTrue(page.contains("createContact") && page.contains("input/emailAddress"), page);
        assertTrue(page.contains("lookup(accounts, name)"), "a lookup column says what it refers to");
        String sample = given().filter(browser).get("/console/templates/createAccount.csv?sample=true").then()
                .statusCode(200).extract().asString();
        assertTrue(sample.contains("input/name") && sample.contains("Example Ltd"), sample);
    }

    @Test
    void a_user_with_no_import_role_gets_the_no_access_page() {
        CookieFilter browser = signIn("nora", Tokens.ORGANISATION, List.of("contacts-writer"));
        String page = given().filter(browser).get("/console/imports").then().statusCode(403).extract().asString();
        assertTrue(page.contains("No access to imports"), page);
        assertTrue(page.contains("import-viewer"), "it names the roles that give access");
    }

    @Test
    void the_console_session_cookie_does_not_open_the_api() {
        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        given().filter(browser).get("/imports/templates/createAccount.csv").then().statusCode(401);
        String graphql = given().filter(browser).contentType("application/json")
                .body(Map.of("query", "{ importTemplates { name } }")).post("/graphql").then().extract().asString();
        assertTrue(graphql.contains("\"code\":\"unauthorized\""), graphql);
    }

    @Test
    void signing_out_ends_the_session() {
        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-viewer"));
        given().filter(browser).get("/console/imports").then().statusCode(200);
        Response out = given().filter(browser).redirects().follow(false).get("/console/sign-out");
        assertTrue(out.statusCode() == 302 || out.statusCode() == 303, out.statusLine());
        given().filter(browser).redirects().follow(false).get("/console/imports").then().statusCode(302);
    }

    @Test
    void an_upload_from_the_console_is_refused_without_the_pages_csrf_token() {
        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        String token = csrfToken(browser);
        String name = UniqueNames.of("Csrf");
        byte[] file = Imports.csv("name", name).getBytes();

        String refused = consoleUpload(browser, null, "createAccount", name + ".csv", file).then().statusCode(403)
                .extract().asString();
        assertTrue(refused.contains("security token"), refused);
        consoleUpload(browser, "forged-" + token.substring(7), "createAccount", name + ".csv", file).then()
                .statusCode(403);
        given().filter(browser).header("X-CSRF-Token", token).header("Sec-Fetch-Site", "cross-site")
                .multiPart("template", "createAccount").multiPart("file", name + ".csv", file, "text/csv")
                .post("/console/imports").then().statusCode(403);
        given().filter(browser).header("X-CSRF-Token", token).post("/console/imports/" + java.util.UUID.randomUUID()
                + "/cancel").then().statusCode(404);

        String card = consoleUpload(browser, token, "createAccount", name + ".csv", file).then().statusCode(202)
                .extract().asString();
        assertTrue(card.contains(name + ".csv") && card.contains("Pending"), card);
        assertTrue(card.contains("hx-trigger=\"intake:changed, every 2s [!window.intakeStreamOpen]\""), "the new batch's card polls itself: " + card);
    }

    @Test
    void a_refused_upload_from_the_console_answers_the_apis_own_error() {
        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        String token = csrfToken(browser);
        byte[] pdf = "%PDF-1.7\n1 0 obj\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        String console = consoleUpload(browser, token, "createAccount", "invoice.csv", pdf).then().statusCode(400)
                .extract().asString();
        String api = Imports.upload("createAccount", "invoice.csv", pdf).then().statusCode(400).extract().asString();
        assertEquals(api, console, "the console shows what the API says");
        assertTrue(console.contains("PDF"), console);
        consoleUpload(browser, token, "createContakt", "x.csv", "name\nx\n".getBytes()).then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("There is no template named 'createContakt'"));
    }

    @Test
    void a_viewer_sees_upload_cancel_and_start_disabled_and_may_not_use_them() {
        String id = Imports.acceptedDryRun(Tokens.ADMIN, "createAccount", "viewer-dry.csv",
                Imports.csv("name", UniqueNames.of("Viewer Dry")));
        Imports.finish(worker, id);
        CookieFilter browser = signIn("vic", Tokens.ORGANISATION, List.of("import-viewer"));
        String page = given().filter(browser).get("/console/imports").then().statusCode(200).extract().asString();
        assertTrue(page.contains("aria-disabled=\"true\" tabindex=\"0\" title=\"Needs the import-admin role\">+ New import"),
                "the + button is disabled and says why");
        assertFalse(page.contains("hx-post"), "no action a viewer may not use is live");
        assertTrue(page.contains("title=\"Needs the import-admin role\">Start import"), "the dry run's Start is shown disabled");

        String token = csrfToken(browser);
        given().filter(browser).header("X-CSRF-Token", token).post("/console/imports/" + id + "/start").then()
                .statusCode(403).body("errors[0].message", org.hamcrest.Matchers.equalTo(
                        "Starting an import needs the import-admin role"));
        consoleUpload(browser, token, "createAccount", "no.csv", "name\nx\n".getBytes()).then().statusCode(403);
        assertEquals("READY", Imports.batch(id).getString("status"), "nothing changed");
    }

    @Test
    void an_admin_starts_a_ready_dry_run_and_cancels_a_pending_batch_from_the_console() {
        String dry = Imports.acceptedDryRun(Tokens.ADMIN, "createAccount", "console-dry.csv",
                Imports.csv("name", UniqueNames.of("Console Dry")));
        Imports.finish(worker, dry);
        String pending = Imports.accepted("createAccount", "console-pending.csv", Imports.csv("name", UniqueNames.of("Pending")));
        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        String page = given().filter(browser).get("/console/imports").then().statusCode(200).extract().asString();
        assertTrue(page.contains("hx-post=\"/console/imports/" + dry + "/start\""), "the READY dry run offers Start");
        assertTrue(page.contains("hx-post=\"/console/imports/" + pending + "/cancel\""), "the pending batch offers Cancel");
        String token = csrfToken(browser);

        String cancelled = given().filter(browser).header("X-CSRF-Token", token)
                .post("/console/imports/" + pending + "/cancel?part=summary").then().statusCode(200).extract().asString();
        assertTrue(cancelled.contains("Cancelled"), cancelled);
        assertEquals("CANCELLED", Imports.batch(pending).getString("status"));
        given().filter(browser).header("X-CSRF-Token", token).post("/console/imports/" + pending + "/cancel").then()
                .statusCode(409).body("errors[0].message", org.hamcrest.Matchers.containsString("can no longer be cancelled"));

        String started = given().filter(browser).header("X-CSRF-Token", token).header("HX-Request", "true")
                .post("/console/imports/" + dry + "/start").then().statusCode(200).extract().asString();
        assertTrue(started.contains("id=\"batch-" + dry + "\""), "the answer is the batch's row: " + started);
        assertTrue(started.contains("Running"), "the row shows the batch running: " + started);
        JsonPath done = Imports.finish(worker, dry);
        assertEquals("COMPLETED", done.getString("status"));
        assertFalse(done.getBoolean("dryRun"), "it ran for real");
    }

    @Test
    void the_imports_page_filters_by_template() {
        String account = UniqueNames.of("Filter Account");
        Imports.accepted("createAccount", account + ".csv", Imports.csv("name", account));
        CookieFilter browser = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        String contacts = given().filter(browser).get("/console/imports?template=createContact").then().statusCode(200)
                .extract().asString();
        assertFalse(contacts.contains(account + ".csv"), "another template's batch is filtered out");
        assertTrue(contacts.contains("<option value=\"createContact\" selected>"), "the filter shows what it filters by");
        String accounts = given().filter(browser).get("/console/imports?template=createAccount").then().statusCode(200)
                .extract().asString();
        assertTrue(accounts.contains(account + ".csv"), accounts);
    }

    @Test
    void a_script_whose_session_has_ended_gets_499_so_the_page_can_sign_in_again() {
        given().redirects().follow(false).header("HX-Request", "true").get("/console/imports/x/row").then()
                .statusCode(499);
    }

    @Test
    void the_session_and_csrf_cookies_are_http_only_and_same_site() {
        CookieFilter browser = new CookieFilter();
        Response toProvider = given().filter(browser).redirects().follow(false).get("/console/imports");
        List<String> setCookies = toProvider.headers().getValues("Set-Cookie");
        assertTrue(setCookies.stream().anyMatch(cookie -> cookie.startsWith("q_auth")), setCookies.toString());
        for (String cookie : setCookies) {
            String lower = cookie.toLowerCase(java.util.Locale.ROOT);
            assertTrue(lower.contains("httponly") && lower.contains("samesite"), cookie);
        }
        CookieFilter signedIn = signIn("ada", Tokens.ORGANISATION, List.of("import-admin"));
        Response page = given().filter(signedIn).get("/console/imports");
        String csrfCookie = page.headers().getValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("intake-console-csrf=")).findFirst().orElseThrow();
        assertTrue(csrfCookie.contains("HttpOnly") && csrfCookie.contains("SameSite=Strict") && csrfCookie.contains("Path=/console"),
                csrfCookie);
    }

    private static Response consoleUpload(CookieFilter browser, String token, String template, String filename, byte[] file) {
        var request = given().filter(browser).multiPart("template", template).multiPart("file", filename, file, "text/csv");
        if (token != null) {
            request = request.header("X-CSRF-Token", token);
        }
        return request.post("/console/imports");
    }

    /** The page's CSRF token, as its scripts read it. */
    private static String csrfToken(CookieFilter browser) {
        String page = given().filter(browser).get("/console/imports").then().statusCode(200).extract().asString();
        java.util.regex.Matcher meta = java.util.regex.Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">")
                .matcher(page);
        assertTrue(meta.find(), "the page carries its CSRF token");
        return meta.group(1);
    }

    /**
     * Walks the code flow as a browser does: the console redirects to the provider's sign-in page, the form is
     * posted with who signs in, and the provider's redirect back completes the sign-in.
     */
    private static CookieFilter signIn(String user, String organisation, List<String> roles) {
        CookieFilter browser = new CookieFilter();
        Response toProvider = given().filter(browser).redirects().follow(false).get("/console/imports");
        assertEquals(302, toProvider.statusCode(), toProvider.asString());
        URI authorize = URI.create(toProvider.header("Location"));
        Map<String, String> query = query(authorize.getRawQuery());
        String form = given().get(authorize.getRawPath() + "?" + authorize.getRawQuery()).then().statusCode(200)
                .extract().asString();
        assertTrue(form.contains("Sign in to Intake"), form);

        var post = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("redirect_uri", query.get("redirect_uri")).formParam("state", query.get("state"))
                .formParam("client_id", query.get("client_id")).formParam("user", user)
                .formParam("organisation", organisation);
        for (String role : roles) {
            post = post.formParam("roles", role);
        }
        Response back = post.post("/dev/oidc/authorize");
        assertEquals(303, back.statusCode(), back.asString());
        URI callback = URI.create(back.header("Location"));
        Response signedIn = given().filter(browser).redirects().follow(false)
                .get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertTrue(signedIn.statusCode() == 302 || signedIn.statusCode() == 200, signedIn.statusLine() + " "
                + signedIn.asString());
        assertNotNull(browser.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().startsWith("q_session")).findFirst().orElse(null),
                "a session cookie was set");
        return browser;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new java.util.HashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(java.net.URLDecoder.decode(pair.substring(0, equals), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
