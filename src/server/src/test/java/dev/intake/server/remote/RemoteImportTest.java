package dev.intake.server.remote;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.intake.fixtures.MailServer;
import dev.intake.fixtures.MetricsScrape;
import dev.intake.fixtures.TestMail;
import dev.intake.mail.MailboxPoller;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/**
 * Imports into a real third-party GraphQL API (Apollo Server in Node.js) over HTTP: lookups resolved in few requests,
 * input errors answered as {@code userErrors}, a dry run that writes nothing, throttling and server errors that no row
 * fails for, refused credentials that pause the batch until the target accepts again, and the uploader's headers as
 * the target received them. What the target holds is read from the target, not from Intake.
 */
@QuarkusTest
@QuarkusTestResource(value = CrmImportTarget.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MailServer.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteImportTest {

    static final String ADMIN = Jwt.preferredUserName("ada").groups(Set.of("import-admin")).claim("org", "acme")
            .issuer("https://intake.test/issuer").audience("intake").expiresIn(Duration.ofHours(1)).sign();

    static final List<String> ACCOUNTS = List.of("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark",
            "Wayne", "Wonka", "Tyrell", "Cyberdyne");

    private static int nextEmail;

    @Inject
    MailboxPoller poller;

    private static String graphqlOnTarget(String query) {
        return given().contentType(ContentType.JSON).body(Map.of("query", query)).post(CrmImportTarget.api.url("/graphql"))
                .then().statusCode(200).extract().asString();
    }

    private static JsonPath records() {
        return new JsonPath(CrmImportTarget.api.read("records"));
    }

    private static JsonPath stats() {
        return new JsonPath(CrmImportTarget.api.read("stats"));
    }

    /** A file of the template's four header rows and one data row per map of reference to value. */
    private static String file(List<Map<String, String>> rows) {
        return file("crm.createContact", rows);
    }

    private static String file(String templateName, List<Map<String, String>> rows) {
        String template = given().auth().oauth2(ADMIN).get("/imports/templates/" + templateName + ".csv").then()
                .statusCode(200).extract().asString();
        String[] header = template.split("\r?\n");
        List<String> references = List.of(header[1].split(",", -1));
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            csv.append(header[i]).append("\r\n");
        }
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String reference : references) {
                cells.add(row.getOrDefault(reference, ""));
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }

    private static Map<String, String> contact(String account) {
        int n = ++nextEmail;
        return Map.of("input/email", "person" + n + "@example.com", "input/firstName", "Person" + n,
                "input/accountId", account, "input/status", n % 2 == 0 ? "ACTIVE" : "LEAD",
                "input/address/city", n % 3 == 0 ? "Leeds" : "");
    }

    private static List<Map<String, String>> contacts(int count) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(contact(ACCOUNTS.get(i % ACCOUNTS.size())));
        }
        return rows;
    }

    private static String upload(String csv, boolean dryRun) {
        return upload("crm.createContact", csv, dryRun);
    }

    private static String upload(String template, String csv, boolean dryRun) {
        return given().auth().oauth2(ADMIN)
                .multiPart("file", "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", template).multiPart("dryRun", String.valueOf(dryRun))
                .post("/imports").then().statusCode(202).extract().path("id");
    }

    private static JsonPath batch(String id) {
        return given().auth().oauth2(ADMIN).get("/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the batch until it reaches a status that ends its run, noting each pause reason seen on the way. */
    private static JsonPath awaitEnd(String id, Duration limit, Set<String> pauses) {
        return await(id, batch -> {
            if (batch.getString("pauseReason") != null) {
                pauses.add(batch.getString("pauseReason"));
            }
            return Set.of("COMPLETED", "PARTIAL_SUCCESS", "FAILED", "READY", "VALIDATION_FAILED", "CANCELLED")
                    .contains(batch.getString("status"));
        }, limit);
    }

    private static JsonPath await(String id, Function<JsonPath, Boolean> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath batch = batch(id);
            if (condition.apply(batch)) {
                return batch;
            }
            sleep(100);
        }
        fail("batch " + id + " never got there: " + batch(id).prettify());
        return null;
    }

    private static MetricsScrape metrics() {
        return MetricsScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** Waits up to 10 s for a value to be what is expected. */
    private static void await(java.util.function.Supplier<Double> value, double expected, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Double.valueOf(expected).equals(value.get()) && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertEquals(expected, value.get(), what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(1)
    void ten_thousand_rows_with_lookups_land_in_the_target_once_each_and_bad_rows_fail_with_the_targets_words() {
        for (String account : ACCOUNTS) {
            graphqlOnTarget("mutation { createAccount(input: {name: \"" + account + "\"}) { account { id } } }");
        }
        List<Map<String, String>> rows = contacts(9_996);
        rows.add(Map.of("input/email", "not-an-email", "input/firstName", "Nomail", "input/accountId", "Acme"));
        rows.add(contact("Nowhere Ltd"));
        rows.add(Map.of("input/email", "person1@example.com", "input/firstName", "Again", "input/accountId", "Acme"));
        rows.add(Map.of("input/email", "wrong@example.com", "input/firstName", "Status", "input/status", "ASLEEP"));
        long lookupsBefore = stats().getLong("lookups");

        String id = upload(file(rows), false);
        JsonPath done = awaitEnd(id, Duration.ofMinutes(4), new HashSet<>());

        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals(10_000, done.getInt("totalRows"));
        assertEquals(9_996, done.getInt("successCount"));
        assertEquals(4, done.getInt("errorCount"));
        assertEquals(0, done.getInt("unknownCount"));
        assertEquals("crm", done.getString("target"));
        JsonPath target = records();
        assertEquals(9_996, target.getList("contacts").size(), "each imported row once, and no failed row");
        assertEquals(target.getList("contacts.email").size(), new HashSet<>(target.getList("contacts.email")).size(),
                "no contact twice");
        long lookups = stats().getLong("lookups") - lookupsBefore;
        assertTrue(lookups > 0 && lookups <= 100, "lookups take a request per chunk, not per row: " + lookups);

        String exceptions = given().auth().oauth2(ADMIN).get("/imports/" + id + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.contains("not-an-email is not an email address."), exceptions);
        assertTrue(exceptions.contains("no record of accounts has name 'Nowhere Ltd'"), exceptions);
        assertTrue(exceptions.contains("A contact with person1@example.com exists already."), exceptions);
        assertTrue(exceptions.contains("ASLEEP"), exceptions);
        String results = given().auth().oauth2(ADMIN).get("/imports/" + id + "/results.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(results.contains("Contact:"), "the target's IDs are in the results file");
    }

    @Test
    @Order(2)
    void the_uploader_and_the_idempotency_key_reach_the_target_in_headers() {
        List<Map<String, Object>> received = new JsonPath(CrmImportTarget.api.read("received")).getList("");
        Map<String, Object> last = received.get(received.size() - 1);
        assertEquals("ada", last.get("user"));
        assertEquals("acme", last.get("organisation"));
        Set<Object> keys = new HashSet<>();
        for (Map<String, Object> request : received) {
            if (request.get("key") != null) {
                assertTrue(keys.add(request.get("key")), "each row has its own idempotency key: " + request);
            }
        }
        assertTrue(keys.size() > 100, keys.size() + " keys");
    }

    @Test
    @Order(3)
    void a_dry_run_checks_lookups_and_values_and_writes_nothing_to_the_target() {
        int contactsBefore = records().getList("contacts").size();
        long mutationsBefore = stats().getLong("mutations");
        List<Map<String, String>> rows = contacts(50);
        rows.add(contact("Nowhere Ltd"));
        String id = upload(file(rows), true);
        JsonPath checked = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("VALIDATION_FAILED", checked.getString("status"), "a dry run with a failed row: "
                + checked.prettify());
        assertEquals(50, checked.getInt("successCount"));
        assertEquals(1, checked.getInt("errorCount"));
        assertTrue(given().auth().oauth2(ADMIN).get("/imports/" + id + "/exceptions.csv").then().statusCode(200)
                .extract().asString().contains("no record of accounts has name 'Nowhere Ltd'"));

        String clean = upload(file(contacts(20)), true);
        assertEquals("READY", awaitEnd(clean, Duration.ofMinutes(1), new HashSet<>()).getString("status"));
        assertEquals(contactsBefore, records().getList("contacts").size());
        assertEquals(mutationsBefore, stats().getLong("mutations"), "no mutation reached the target");
    }

    @Test
    @Order(4)
    void throttling_by_429_or_by_THROTTLED_pauses_the_batch_and_fails_no_row() {
        for (String mode : List.of("429", "throttled")) {
            CrmImportTarget.api.control("faults", "{\"mode\": \"" + mode + "\", \"every\": 3, \"retryAfter\": 1}");
            try {
                Set<String> pauses = new HashSet<>();
                MetricsScrape before = metrics();
                String id = upload(file(contacts(30)), false);
                JsonPath done = awaitEnd(id, Duration.ofMinutes(2), pauses);
                assertEquals("COMPLETED", done.getString("status"), mode + ": " + done.prettify());
                assertEquals(30, done.getInt("successCount"));
                MetricsScrape after = metrics();
                assertEquals(30, after.increaseSince(before, "intake_rows_total", Map.of("target", "crm",
                        "template", "crm.createContact", "outcome", "success", "dry_run", "false")), mode);
                assertTrue(after.increaseSince(before, "intake_remote_requests_seconds_count",
                        Map.of("target", "crm", "answer", "2xx")) >= 20, mode + ": answered requests are timed");
                assertEquals(mode.equals("429"), after.increaseSince(before, "intake_remote_requests_seconds_count",
                        Map.of("target", "crm", "answer", "429")) > 0, mode + ": throttling answers are counted");
                assertTrue(after.increaseSince(before, "intake_remote_throttled_seconds_sum",
                        Map.of("target", "crm")) > 0, mode + ": the time waited for the target is counted");
                await(() -> metrics().value("intake_remote_slots", Map.of("target", "crm")), 0.0,
                        "every slot taken for the target is given back");
                assertTrue(new JsonPath(CrmImportTarget.api.read("stats")).getLong("faults") > 0);
                assertTrue(pauses.stream().anyMatch(reason -> reason.startsWith("Waiting: target crm")), mode
                        + ": the batch said why it waited: " + pauses);
                assertEquals(null, done.getString("pauseReason"));
            } finally {
                CrmImportTarget.api.control("faults", "{}");
            }
        }
    }

    @Test
    @Order(5)
    void server_errors_before_the_request_runs_are_retried() {
        CrmImportTarget.api.control("faults", "{\"mode\": \"500\", \"every\": 3}");
        try {
            String id = upload(file(contacts(60)), false);
            JsonPath done = awaitEnd(id, Duration.ofMinutes(2), new HashSet<>());
            assertEquals("COMPLETED", done.getString("status"), done.prettify());
            assertEquals(60, done.getInt("successCount"));
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
    }

    @Test
    @Order(6)
    void refused_credentials_pause_the_batch_with_a_message_until_the_target_accepts_again() {
        CrmImportTarget.api.control("faults", "{\"mode\": \"401\"}");
        String id;
        try {
            id = upload(file(contacts(30)), false);
            JsonPath paused = await(id, batch -> batch.getString("pauseReason") != null, Duration.ofMinutes(1));
            assertEquals("PROCESSING", paused.getString("status"));
            assertTrue(paused.getString("pauseReason").contains("target crm refused Intake's credentials (HTTP 401"),
                    paused.getString("pauseReason"));
            assertNotNull(paused.getString("pauseReason"));
            assertEquals(null, paused.getString("pausedUntil"), "paused until the target accepts");
            sleep(2_500);
            JsonPath still = batch(id);
            assertEquals(0, still.getInt("errorCount"), "401 fails no row");
            assertEquals("PROCESSING", still.getString("status"));
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(30, done.getInt("successCount"));
    }
    @Test
    @Order(7)
    void a_file_with_its_own_headers_is_mapped_onto_the_template_and_imported() {
        String csv = "E-mail,First Name,Account Id,Status\r\n"
                + "mapped1@example.com,Mia,Acme,ACTIVE\r\n"
                + "mapped2@example.com,Max,Globex,LEAD\r\n";
        String id = given().auth().oauth2(ADMIN)
                .multiPart("file", "export.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "crm.createContact").post("/imports").then().statusCode(202).extract()
                .path("id");
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(2, done.getInt("successCount"));
        List<String> emails = records().getList("contacts.email");
        assertTrue(emails.containsAll(List.of("mapped1@example.com", "mapped2@example.com")), emails.toString());
    }

    @Test
    @Order(8)
    void a_schema_change_between_two_uploads_gives_a_file_of_the_old_template_the_drift_message() {
        String before = file(contacts(3));
        String first = upload(before, false);
        assertEquals("COMPLETED", awaitEnd(first, Duration.ofMinutes(1), new HashSet<>()).getString("status"));

        CrmImportTarget.api.control("version", "{\"version\": 2}");
        try {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("query", "mutation { refreshImportTarget(name: \"crm\") { schemaVersion } }"))
                    .post("/graphql").then().statusCode(200);
            String second = upload(before.replace("person", "later"), false);
            JsonPath refused = awaitEnd(second, Duration.ofMinutes(1), new HashSet<>());
            assertEquals("VALIDATION_FAILED", refused.getString("status"), refused.prettify());
            assertTrue(refused.getString("message").contains("made from an older version of the template"),
                    refused.getString("message"));
            assertTrue(refused.getString("message").contains("lastName") || refused.getString("message")
                    .contains("Last Name"), refused.getString("message"));
        } finally {
            CrmImportTarget.api.control("version", "{\"version\": 1}");
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("query", "mutation { refreshImportTarget(name: \"crm\") { schemaVersion } }"))
                    .post("/graphql").then().statusCode(200);
        }
    }
    @Test
    @Order(9)
    void a_row_whose_answer_never_comes_is_outcome_unknown_never_sent_again_and_counted() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(Map.of("input/email", "late" + i + "@example.com", "input/firstName", "Late" + i));
        }
        long mutationsBefore = stats().getLong("mutations");
        CrmImportTarget.api.control("faults", "{\"delayMs\": 3000}");
        String id;
        JsonPath done;
        try {
            id = upload(file(rows), false);
            done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        assertEquals("FAILED", done.getString("status"), "no row is known to be imported: " + done.prettify());
        assertEquals(0, done.getInt("successCount"));
        assertEquals(3, done.getInt("errorCount"));
        assertEquals(3, done.getInt("unknownCount"));
        assertEquals(3, stats().getLong("mutations") - mutationsBefore, "each row was sent once, and not again");
        List<String> emails = records().getList("contacts.email");
        assertTrue(emails.containsAll(List.of("late0@example.com", "late1@example.com", "late2@example.com")),
                "the target wrote them: only their answers were lost");
        String exceptions = given().auth().oauth2(ADMIN).get("/imports/" + id + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.contains("OUTCOME_UNKNOWN") && exceptions.contains("did not answer within 2 s"),
                exceptions);
    }
    @Test
    @Order(10)
    void a_target_that_stays_down_pauses_the_batch_until_a_probe_finds_it_answering_again() {
        CrmImportTarget.api.control("faults", "{\"mode\": \"500\", \"every\": 1}");
        String id;
        try {
            id = upload(file(contacts(10)), false);
            JsonPath paused = await(id, batch -> batch.getString("pauseReason") != null
                    && batch.getString("pausedUntil") == null, Duration.ofMinutes(1));
            assertTrue(paused.getString("pauseReason").contains("answered HTTP 500"), paused.getString("pauseReason"));
            assertEquals(0, paused.getInt("errorCount"), "an outage fails no row");
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(10, done.getInt("successCount"));
    }
    @Test
    @Order(11)
    void the_mapping_step_lists_the_lookup_values_that_name_no_record_in_the_target() {
        String csv = "E-mail,First Name,Company\r\nm1@example.com,Mo,Acme\r\nm2@example.com,Mi,Acme Corp\r\n";
        String id = given().auth().oauth2(ADMIN)
                .multiPart("file", "review.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "crm.createContact").multiPart("mapping", "review").post("/imports").then()
                .statusCode(202).extract().path("id");
        await(id, batch -> batch.getString("status").equals("MAPPING"), Duration.ofMinutes(1));
        JsonPath mapping = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("query", "{ importBatch(id: \"" + id + "\") { mapping { columns { header proposedField "
                        + "refusedValues { value } } } } }"))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("input/email", "input/firstName", "input/accountId"),
                mapping.getList("data.importBatch.mapping.columns.proposedField"), mapping.prettify());
        assertEquals(List.of("Acme Corp"), mapping.getList("data.importBatch.mapping.columns[2].refusedValues.value"),
                "the target has Acme and no Acme Corp: " + mapping.prettify());
    }
    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    @Order(12)
    void a_batch_cancelled_with_rows_in_flight_counts_them_unknown_and_sends_them_never_again() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add(Map.of("input/email", "cancelled" + i + "@example.com", "input/firstName", "Cancelled" + i));
        }
        long mutationsBefore = stats().getLong("mutations");
        CrmImportTarget.api.control("faults", "{\"delayMs\": 1500}");
        String id;
        try {
            id = upload(file(rows), false);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (inFlight(id) == 0 && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertTrue(inFlight(id) > 0, "rows are in flight");
            JsonPath cancelled = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("query", "mutation { cancelImport(id: \"" + id + "\") { status unknownCount } }"))
                    .post("/graphql").then().statusCode(200).extract().jsonPath();
            assertEquals("CANCELLED", cancelled.getString("data.cancelImport.status"), cancelled.prettify());
            sleep(2_500);
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        JsonPath batch = batch(id);
        assertEquals(0, inFlight(id), "no row is left marked");
        assertTrue(batch.getInt("unknownCount") > 0, batch.prettify());
        assertEquals(batch.getInt("processedRows"), batch.getInt("successCount") + batch.getInt("errorCount"));
        assertEquals(batch.getInt("unknownCount"), batch.getInt("errorCount"), batch.prettify());
        assertEquals(batch.getInt("successCount") + batch.getInt("unknownCount"),
                stats().getLong("mutations") - mutationsBefore, "each row sent at most once, and none after the cancel");
    }

    private long inFlight(String id) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var count = connection.prepareStatement(
                        "select count(*) from intake.import_sending where batch_id = cast(? as uuid)")) {
            count.setString(1, id);
            try (var result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    @Order(13)
    void a_target_that_takes_oauth2_tokens_gets_one_and_a_new_one_when_the_provider_revokes_it() {
        long issuedBefore = stats().getLong("tokensIssued");
        String first = upload("crmoauth.createContact", file("crmoauth.createContact", contacts(40)), false);
        Set<String> pauses = new HashSet<>();
        JsonPath done = awaitEnd(first, Duration.ofMinutes(1), pauses);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(40, done.getInt("successCount"));
        assertEquals(issuedBefore, stats().getLong("tokensIssued"), "the token read at start serves every row");

        CrmImportTarget.api.control("oauth/revoke", "{}");
        long refusedBefore = stats().getLong("tokensRefused");
        String second = upload("crmoauth.createContact", file("crmoauth.createContact", contacts(20)), false);
        JsonPath again = awaitEnd(second, Duration.ofMinutes(1), pauses);
        assertEquals("COMPLETED", again.getString("status"), again.prettify());
        assertEquals(20, again.getInt("successCount"));
        assertEquals(Set.of(), pauses, "a revoked token is replaced, never a reason to pause");
        assertEquals(issuedBefore + 1, stats().getLong("tokensIssued"), "one new token after the revocation");
        assertTrue(stats().getLong("tokensRefused") > refusedBefore, "the revoked token was refused once at least");

        List<Map<String, Object>> received = new JsonPath(CrmImportTarget.api.read("received")).getList("");
        List<Map<String, Object>> secured = received.stream().filter(r -> "/secured/graphql".equals(r.get("path")))
                .toList();
        assertTrue(!secured.isEmpty() && secured.stream().allMatch(r -> String.valueOf(r.get("authorization"))
                .startsWith("Bearer ")), "every request carried a bearer token");

        String forged = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("query", "{ importTargets { name reachable problem } }")).post("/graphql").then()
                .statusCode(200).extract().asString();
        assertTrue(forged.contains("OIDC client forged of target crmforged could not get an access token"), forged);
        assertTrue(!forged.contains("not-the-secret"), "the secret is never shown: " + forged);
    }

    @Test
    @Order(14)
    void a_row_the_target_never_runs_fails_once_a_probe_shows_the_target_answering_instead_of_pausing_for_ever() {
        List<Map<String, String>> rows = contacts(12);
        String poison = rows.get(5).get("input/email");
        CrmImportTarget.api.control("faults", "{\"poison\": \"" + poison + "\"}");
        Set<String> pauses = new HashSet<>();
        JsonPath done;
        try {
            String id = upload(file(rows), false);
            done = awaitEnd(id, Duration.ofMinutes(1), pauses);
            assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
            assertEquals(11, done.getInt("successCount"));
            assertEquals(1, done.getInt("errorCount"));
            assertEquals(0, done.getInt("unknownCount"), "a request error says the row did not run");
            String exceptions = given().auth().oauth2(ADMIN).get("/imports/" + id + "/exceptions.csv").then()
                    .statusCode(200).extract().asString();
            assertTrue(exceptions.contains(poison) && exceptions.contains("while target crm answers other requests;"
                    + " the row was not written"), exceptions);
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        assertEquals(Set.of(), pauses, "the batch never paused for one row");
        assertEquals(List.of(), records().getList("contacts.findAll { it.email == '" + poison + "' }"));
    }

    @Test
    @Order(15)
    void a_proxy_page_for_an_address_without_graphql_pauses_the_batch_and_fails_no_row() {
        CrmImportTarget.api.control("faults", "{\"mode\": \"404\"}");
        String id;
        try {
            id = upload(file(contacts(10)), false);
            JsonPath paused = await(id, batch -> batch.getString("pauseReason") != null, Duration.ofMinutes(1));
            assertTrue(paused.getString("pauseReason").contains("target crm answered HTTP 404 (no GraphQL endpoint at"
                    + " that address) without running the request; check intake.targets.crm.url"),
                    paused.getString("pauseReason"));
            assertEquals(0, paused.getInt("errorCount"), paused.prettify());
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(10, done.getInt("successCount"));
    }

    @Test
    @Order(16)
    void ten_rows_per_request_as_aliased_mutations_each_get_their_own_outcome() {
        List<Map<String, String>> rows = new ArrayList<>(contacts(200));
        for (int bad : List.of(7, 50, 123)) {
            Map<String, String> row = new java.util.HashMap<>(rows.get(bad));
            row.put("input/email", "not-an-email-" + bad);
            rows.set(bad, row);
        }
        long requestsBefore = stats().getLong("mutations");
        String id = upload("crmbatch.createContact", file("crmbatch.createContact", rows), false);
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals(197, done.getInt("successCount"));
        assertEquals(3, done.getInt("errorCount"));
        assertEquals(0, done.getInt("unknownCount"));
        long requests = stats().getLong("mutations") - requestsBefore;
        assertTrue(requests >= 20 && requests <= 24, "about ten rows per request: " + requests + " requests");
        String exceptions = given().auth().oauth2(ADMIN).get("/imports/" + id + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        for (int bad : List.of(7, 50, 123)) {
            assertTrue(exceptions.contains("not-an-email-" + bad + " is not an email address."), exceptions);
        }
        List<String> emails = records().getList("contacts.email");
        for (int i = 0; i < rows.size(); i++) {
            String email = rows.get(i).get("input/email");
            long held = emails.stream().filter(email::equalsIgnoreCase).count();
            assertEquals(List.of(7, 50, 123).contains(i) ? 0 : 1, held, email);
        }
    }

    private static List<Map<String, String>> accounts(String prefix, int count, int duplicateAt, String duplicate) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Map.of("input/name", i == duplicateAt ? duplicate : prefix + " " + i));
        }
        return rows;
    }

    private static long accountsNamed(String name) {
        return records().getList("accounts.name").stream().filter(name::equals).count();
    }

    @Test
    @Order(17)
    void an_error_that_wipes_the_answer_of_a_request_leaves_its_other_rows_unknown_on_a_target_without_transactions() {
        List<Map<String, String>> rows = accounts("Wiped", 10, 3, "Acme");
        String id = upload("crmbatch.createAccount", file("crmbatch.createAccount", rows), false);
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals(10, done.getInt("errorCount"), done.prettify());
        assertEquals(9, done.getInt("unknownCount"), "the rows whose answer the error wiped: " + done.prettify());
        String exceptions = given().auth().oauth2(ADMIN).get("/imports/" + id + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.contains("An account named Acme exists already."), exceptions);
        assertTrue(exceptions.contains("another row's error in the same request wiped this row's answer"), exceptions);
        for (int i = 0; i < 10; i++) {
            assertTrue(accountsNamed("Wiped " + i) <= 1, "never written twice");
        }
        assertEquals(1, accountsNamed("Acme"));
    }

    @Test
    @Order(18)
    void on_a_target_that_writes_a_request_all_or_nothing_the_other_rows_go_again_and_succeed() {
        CrmImportTarget.api.control("transactions", "{\"atomic\": true}");
        try {
            List<Map<String, String>> rows = accounts("Atomic", 11, 5, "Globex");
            String id = upload("crmatomic.createAccount", file("crmatomic.createAccount", rows), false);
            JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
            assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
            assertEquals(10, done.getInt("successCount"));
            assertEquals(1, done.getInt("errorCount"));
            assertEquals(0, done.getInt("unknownCount"));
            for (int i = 0; i < 11; i++) {
                assertEquals(i == 5 ? 0 : 1, accountsNamed("Atomic " + i), "Atomic " + i);
            }
            assertEquals(1, accountsNamed("Globex"));
        } finally {
            CrmImportTarget.api.control("transactions", "{\"atomic\": false}");
        }
    }

    @Test
    @Order(19)
    void lookup_policy_create_makes_each_new_account_once_through_the_overlays_mutation_and_blank_leaves_it_out() {
        StringBuilder csv = new StringBuilder("E-mail,First Name,Company\r\n");
        for (int i = 0; i < 60; i++) {
            String company = i % 20 == 19 ? "Acme" : "Brand New " + (i % 3);
            csv.append("policy").append(i).append("@example.com,P").append(i).append(',').append(company)
                    .append("\r\n");
        }
        long accountsBefore = records().getList("accounts").size();
        String createId = given().auth().oauth2(ADMIN)
                .multiPart("file", "policy.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "crm.createContact").multiPart("mapping", "review").post("/imports").then()
                .statusCode(202).extract().path("id");
        await(createId, batch -> batch.getString("status").equals("MAPPING"), Duration.ofMinutes(1));
        JsonPath mapped = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("query",
                "mutation($id: ID!, $input: MapColumnsInput!) { mapColumns(id: $id, input: $input) { status } }",
                "variables", Map.of("id", createId, "input", Map.of("columns", List.of(
                        Map.of("column", 1, "field", "input/email"), Map.of("column", 2, "field", "input/firstName"),
                        Map.of("column", 3, "field", "input/accountId", "lookupPolicy", "CREATE"))))))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals(null, mapped.getString("errors"), mapped.prettify());
        JsonPath created = awaitEnd(createId, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", created.getString("status"), created.prettify());
        assertEquals(60, created.getInt("successCount"));
        for (int k = 0; k < 3; k++) {
            assertEquals(1, accountsNamed("Brand New " + k), "created once: Brand New " + k);
        }
        assertEquals(accountsBefore + 3, records().getList("accounts").size());
        String results = given().auth().oauth2(ADMIN).get("/imports/" + createId + "/results.csv").then()
                .statusCode(200).extract().asString();
        for (int k = 0; k < 3; k++) {
            String note = "Created 'Brand New " + k + "' in accounts (lookup policy create)";
            assertEquals(1, results.split(java.util.regex.Pattern.quote(note), -1).length - 1, note + ": " + results);
        }

        String blankCsv = "E-mail,First Name,Company\r\nblank1@example.com,B,Nobody Inc\r\nblank2@example.com,C,Acme\r\n";
        String blankId = given().auth().oauth2(ADMIN)
                .multiPart("file", "blank.csv", blankCsv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "crm.createContact").multiPart("mapping", "review").post("/imports").then()
                .statusCode(202).extract().path("id");
        await(blankId, batch -> batch.getString("status").equals("MAPPING"), Duration.ofMinutes(1));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("query",
                "mutation($id: ID!, $input: MapColumnsInput!) { mapColumns(id: $id, input: $input) { status } }",
                "variables", Map.of("id", blankId, "input", Map.of("columns", List.of(
                        Map.of("column", 1, "field", "input/email"), Map.of("column", 2, "field", "input/firstName"),
                        Map.of("column", 3, "field", "input/accountId", "lookupPolicy", "BLANK"))))))
                .post("/graphql").then().statusCode(200);
        JsonPath blank = awaitEnd(blankId, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", blank.getString("status"), blank.prettify());
        assertEquals(0, accountsNamed("Nobody Inc"), "blank creates nothing");
        String blankResults = given().auth().oauth2(ADMIN).get("/imports/" + blankId + "/results.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(blankResults.contains("Left out input/accountId: no record of accounts matched 'Nobody Inc' (lookup"
                + " policy blank)"), blankResults);
    }

    @Test
    @Order(20)
    void the_same_crm_on_mercurius_gives_the_same_templates_and_imports_with_the_same_outcomes() {
        String apolloTemplate = given().auth().oauth2(ADMIN).get("/imports/templates/crm.createContact.csv").then()
                .statusCode(200).extract().asString();
        String mercuriusTemplate = given().auth().oauth2(ADMIN).get("/imports/templates/crmfastify.createContact.csv")
                .then().statusCode(200).extract().asString();
        // the last cell names the template and its version, a hash that includes the name
        assertEquals(apolloTemplate.replaceAll("crm\\.createContact@\\w+", "@"),
                mercuriusTemplate.replaceAll("crmfastify\\.createContact@\\w+", "@"),
                "introspection of either server gives the same columns");

        String accounts = upload("crmfastify.createAccount", file("crmfastify.createAccount",
                ACCOUNTS.stream().map(name -> Map.of("input/name", name)).toList()), false);
        JsonPath accountsDone = awaitEnd(accounts, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", accountsDone.getString("status"), accountsDone.prettify());

        List<Map<String, String>> rows = new ArrayList<>(contacts(100));
        Map<String, String> bad = new java.util.HashMap<>(rows.get(42));
        bad.put("input/email", "not-an-email-on-mercurius");
        rows.set(42, bad);
        Map<String, String> nowhere = new java.util.HashMap<>(rows.get(77));
        nowhere.put("input/accountId", "Nowhere Ltd");
        rows.set(77, nowhere);
        String contacts = upload("crmfastify.createContact", file("crmfastify.createContact", rows), false);
        JsonPath done = awaitEnd(contacts, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals(98, done.getInt("successCount"));
        assertEquals(0, done.getInt("unknownCount"));
        String exceptions = given().auth().oauth2(ADMIN).get("/imports/" + contacts + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.contains("not-an-email-on-mercurius is not an email address."), exceptions);
        assertTrue(exceptions.contains("no record of accounts has name 'Nowhere Ltd'"), exceptions);
        JsonPath held = new JsonPath(CrmImportTarget.mercurius.read("records"));
        assertEquals(98, held.getList("contacts").size(), "each imported row once, on Mercurius's side");
        assertEquals(ACCOUNTS.size(), held.getList("accounts").size());

        String duplicate = upload("crmfastify.createAccount", file("crmfastify.createAccount",
                List.of(Map.of("input/name", "Acme"))), false);
        JsonPath refused = awaitEnd(duplicate, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("FAILED", refused.getString("status"), refused.prettify());
        assertEquals(0, refused.getInt("unknownCount"), "the error answered for the row is its outcome");
        String refusal = given().auth().oauth2(ADMIN).get("/imports/" + duplicate + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(refusal.contains("An account named Acme exists already.") && refusal.contains("VALIDATION"),
                refusal);
    }

    @Test
    @Order(21)
    void with_an_idempotency_key_a_row_whose_answer_was_lost_is_sent_again_with_its_key_and_imported_once() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(Map.of("input/email", "keyed" + i + "@example.com", "input/firstName", "Keyed" + i));
        }
        long replaysBefore = stats().getLong("replays");
        long requestsBefore = stats().getLong("mutations");
        CrmImportTarget.api.control("faults", "{\"delayMs\": 3000}");
        String id;
        try {
            id = upload("crmsafe.createContact", file("crmsafe.createContact", rows), false);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stats().getLong("mutations") - requestsBefore < 8 && System.nanoTime() < deadline) {
                sleep(50); // the first requests ran and timed out, and were sent again with their keys
            }
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(12, done.getInt("successCount"));
        assertEquals(0, done.getInt("unknownCount"), done.prettify());
        assertTrue(stats().getLong("replays") > replaysBefore, "the target answered resent keys from its store");
        List<String> emails = records().getList("contacts.email");
        for (Map<String, String> row : rows) {
            assertEquals(1, emails.stream().filter(row.get("input/email")::equals).count(), row.get("input/email"));
        }
    }

    @Test
    @Order(26)
    void with_keys_in_the_document_rows_that_share_a_request_are_each_sent_again_with_their_own_key() {
        String keyedTemplate = given().auth().oauth2(ADMIN).get("/imports/templates/crmkeyed.createAccount.csv").then()
                .statusCode(200).extract().asString();
        String plainTemplate = given().auth().oauth2(ADMIN).get("/imports/templates/crm.createAccount.csv").then()
                .statusCode(200).extract().asString();
        assertFalse(keyedTemplate.split("\r?\n")[1].contains("idempotencyKey"), "the key is Intake's to fill");
        assertTrue(plainTemplate.split("\r?\n")[1].contains("idempotencyKey"), "without the overlay's word, a column");
        assertTrue(graphql("{ importTemplates { name deliveryGuarantee } }").getList("data.importTemplates",
                Map.class).contains(Map.of("name", "crmkeyed.createContact", "deliveryGuarantee", "EXACTLY_ONCE")),
                "five rows a request, and exactly once");

        List<Map<String, String>> contacts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            contacts.add(Map.of("input/email", "fieldkey" + i + "@example.com", "input/firstName", "Fieldkey" + i));
        }
        long replaysBefore = stats().getLong("fieldReplays");
        long requestsBefore = stats().getLong("mutations");
        // every request runs, and its answer comes after Intake's timeout: each row's key must bring back its record
        CrmImportTarget.api.control("faults", "{\"delayMs\": 3000}");
        String contactsId;
        String accountsId;
        try {
            contactsId = upload("crmkeyed.createContact", file("crmkeyed.createContact", contacts), false);
            accountsId = upload("crmkeyed.createAccount", file("crmkeyed.createAccount",
                    accounts("Keyed by argument", 10, -1, null)), false);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stats().getLong("mutations") - requestsBefore < 8 && System.nanoTime() < deadline) {
                sleep(50);
            }
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        for (String id : List.of(contactsId, accountsId)) {
            JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
            assertEquals("COMPLETED", done.getString("status"), done.prettify());
            assertEquals(10, done.getInt("successCount"));
            assertEquals(0, done.getInt("unknownCount"), done.prettify());
        }
        assertTrue(stats().getLong("fieldReplays") - replaysBefore >= 10,
                "the target answered the resent rows from their keys, in the directive and in the argument");
        List<String> emails = records().getList("contacts.email");
        for (Map<String, String> row : contacts) {
            assertEquals(1, emails.stream().filter(row.get("input/email")::equals).count(), row.get("input/email"));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(1, accountsNamed("Keyed by argument " + i), "Keyed by argument " + i);
        }
    }

    @jakarta.inject.Inject
    dev.intake.remote.TargetSlots slots;

    @Test
    @Order(27)
    void slots_follow_the_shared_limit_read_when_taken_and_go_to_the_longest_waiting_worker_its_share()
            throws Exception {
        slots.release(slots.acquire("crm", 1));
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            execute("update intake.target_limit set current_limit = 1 where target = 'crm'");
            dev.intake.remote.TargetSlots.Held one = slots.acquire("crm", 4);
            assertEquals(1, one.count(), "another instance lowered the shared limit to 1");
            slots.release(one);
            execute("update intake.target_limit set current_limit = 3 where target = 'crm'");
            dev.intake.remote.TargetSlots.Held three = slots.acquire("crm", 4);
            assertEquals(3, three.count(), "and raised it to 3: the limit is read again whenever slots are taken");
            slots.release(three);
            execute("update intake.target_limit set current_limit = 4 where target = 'crm'");

            // a worker of another instance has waited longer: this one waits behind it, then takes what is free
            execute("insert into intake.target_waiter (target, holder, since, seen_at)"
                    + " values ('crm', 'another-worker', now() - interval '1 second', now())");
            java.util.concurrent.Future<dev.intake.remote.TargetSlots.Held> behind = other.submit(
                    () -> slots.acquire("crm", 4));
            sleep(500);
            assertFalse(behind.isDone(), "it waits behind the worker that has waited longer");
            execute("delete from intake.target_waiter where holder = 'another-worker'");
            dev.intake.remote.TargetSlots.Held after = behind.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(4, after.count(), "alone in line, it takes all it wants");
            slots.release(after);

            // with another worker waiting behind it, it takes its share: half the limit
            execute("insert into intake.target_waiter (target, holder, since, seen_at)"
                    + " values ('crm', 'later-worker', now() + interval '1 minute', now() + interval '1 minute')");
            dev.intake.remote.TargetSlots.Held half = slots.acquire("crm", 4);
            assertEquals(2, half.count(), "two workers waiting: half the limit each");
            slots.release(half);
        } finally {
            other.shutdownNow();
            execute("delete from intake.target_waiter where target = 'crm'");
            execute("update intake.target_limit set current_limit = 4 where target = 'crm'");
        }
    }

    private void execute(String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    @Order(22)
    void with_a_natural_key_a_row_whose_answer_was_lost_is_found_after_the_settle_time_or_sent_again() {
        long findsBefore = stats().getLong("finds");
        // the requests run, and their answers come too late: each record is there to be found
        CrmImportTarget.api.control("faults", "{\"delayMs\": 3000}");
        String late;
        long requestsBefore = stats().getLong("mutations");
        try {
            late = upload("crmsafe.createAccount", file("crmsafe.createAccount", accounts("Settled", 6, -1, null)),
                    false);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stats().getLong("mutations") - requestsBefore < 4 && System.nanoTime() < deadline) {
                sleep(50);
            }
            sleep(2_500);
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        JsonPath found = awaitEnd(late, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", found.getString("status"), found.prettify());
        assertEquals(0, found.getInt("unknownCount"), found.prettify());
        assertTrue(stats().getLong("finds") > findsBefore, "rows in doubt were looked up");
        String results = given().auth().oauth2(ADMIN).get("/imports/" + late + "/results.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(results.contains("found in target crmsafe by input/name after the settle time"), results);

        // the requests hang and never run: nothing is found, and the rows are sent again
        CrmImportTarget.api.control("faults", "{\"mode\": \"hang\", \"every\": 2, \"retryAfter\": 3}");
        String hung;
        try {
            hung = upload("crmsafe.createAccount", file("crmsafe.createAccount", accounts("Resent", 6, -1, null)),
                    false);
            sleep(4_000);
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }
        JsonPath resent = awaitEnd(hung, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", resent.getString("status"), resent.prettify());
        assertEquals(6, resent.getInt("successCount"));
        assertEquals(0, resent.getInt("unknownCount"), resent.prettify());
        for (int i = 0; i < 6; i++) {
            assertEquals(1, accountsNamed("Settled " + i), "Settled " + i);
            assertEquals(1, accountsNamed("Resent " + i), "Resent " + i);
        }
    }

    private static JsonPath graphql(String query) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(23)
    void an_admin_marks_unknown_rows_done_or_sends_them_again_and_the_history_says_who() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(Map.of("input/email", "doubt" + i + "@example.com", "input/firstName", "Doubt" + i));
        }
        long replaysBefore = stats().getLong("replays");
        CrmImportTarget.api.control("faults", "{\"delayMs\": 3000}");
        String id;
        try {
            id = upload(file(rows), false);
            JsonPath unknown = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
            assertEquals(3, unknown.getInt("unknownCount"), unknown.prettify());
        } finally {
            CrmImportTarget.api.control("faults", "{}");
        }

        JsonPath marked = graphql("mutation { resolveUnknownRows(id: \"" + id + "\", action: MARK_DONE, rows: [5]) {"
                + " status successCount errorCount unknownCount events { actor status detail } } }");
        assertEquals(null, marked.getString("errors"), marked.prettify());
        assertEquals("PARTIAL_SUCCESS", marked.getString("data.resolveUnknownRows.status"));
        assertEquals(List.of(1, 2, 2), List.of(marked.getInt("data.resolveUnknownRows.successCount"),
                marked.getInt("data.resolveUnknownRows.errorCount"), marked.getInt("data.resolveUnknownRows.unknownCount")));
        assertTrue(marked.getString("data.resolveUnknownRows.events").contains("actor:ada")
                && marked.getString("data.resolveUnknownRows.events").contains(
                        "Marked 1 row (5) whose outcome was unknown done, checked in the target by ada"),
                marked.prettify());

        JsonPath again = graphql("mutation { resolveUnknownRows(id: \"" + id + "\", action: SEND_AGAIN) { status } }");
        assertEquals("PROCESSING", again.getString("data.resolveUnknownRows.status"), again.prettify());
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        // Sent again, each row carries its idempotency key, as every row does: the CRM honours the key for
        // createContact, answers what it answered the first time, and writes nothing twice.
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(0, done.getInt("unknownCount"));
        assertEquals(3, done.getInt("successCount"));
        assertTrue(stats().getLong("replays") > replaysBefore, "the resent rows were answered from the key store");
        List<String> emails = records().getList("contacts.email");
        for (Map<String, String> row : rows) {
            assertEquals(1, emails.stream().filter(row.get("input/email")::equals).count(), row.get("input/email"));
        }
        String history = graphql("{ importBatch(id: \"" + id + "\") { events { actor detail } } }").getString(
                "data.importBatch.events");
        assertTrue(history.contains("Sending 2 rows (6, 7) whose outcome was unknown again, as ada asked"), history);

        JsonPath none = graphql("mutation { resolveUnknownRows(id: \"" + id + "\", action: MARK_DONE) { status } }");
        assertTrue(none.getString("errors[0].message").contains("The batch is COMPLETED; rows whose outcome is unknown"
                + " can be marked done once it has ended as PARTIAL_SUCCESS, FAILED or CANCELLED"), none.prettify());
    }

    /** The most mutations the CRM had in flight in the last {@code tenths} tenths of a second. */
    private static int inFlightLately(int tenths) {
        JsonPath concurrency = new JsonPath(CrmImportTarget.api.read("concurrency"));
        int now = concurrency.getInt("now");
        Map<String, Integer> windows = concurrency.getMap("windows");
        int most = 0;
        for (Map.Entry<String, Integer> window : windows.entrySet()) {
            if (Integer.parseInt(window.getKey()) > now - tenths) {
                most = Math.max(most, window.getValue());
            }
        }
        return most;
    }

    /** Waits until the CRM has seen what the condition asks of its recent concurrency; false after the limit. */
    private static boolean seen(Function<Integer, Boolean> condition, int tenths, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.apply(inFlightLately(tenths))) {
                return true;
            }
            sleep(100);
        }
        return false;
    }

    @Test
    @Order(24)
    void the_requests_in_flight_fall_when_the_target_slows_down_and_rise_again_when_it_recovers() {
        CrmImportTarget.api.control("faults", "{\"delayMs\": 100}");
        String id = upload(file(contacts(3_000)), false);
        try {
            assertTrue(seen(most -> most == 4, 5, Duration.ofSeconds(30)), "at first, the target's limit of 4");
            CrmImportTarget.api.control("faults", "{\"delayMs\": 800}");
            assertTrue(seen(most -> most > 0 && most <= 2, 20, Duration.ofSeconds(30)),
                    "answers eight times slower: no more than 2 in flight for two seconds");
            CrmImportTarget.api.control("faults", "{\"delayMs\": 100}");
            assertTrue(seen(most -> most == 4, 5, Duration.ofSeconds(30)), "recovered: 4 in flight again");
        } finally {
            CrmImportTarget.api.control("faults", "{}");
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("query",
                    "mutation { cancelImport(id: \"" + id + "\") { status } }")).post("/graphql").then().statusCode(200);
        }
    }

    @Test
    @Order(25)
    void a_target_that_reports_its_cost_budget_is_paced_instead_of_throttled() {
        long throttledBefore = stats().getLong("throttled");
        CrmImportTarget.api.control("budget", "{\"maximumAvailable\": 100, \"restoreRate\": 400, \"cost\": 10}");
        try {
            String id = upload(file(contacts(150)), false);
            JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
            assertEquals("COMPLETED", done.getString("status"), done.prettify());
            assertEquals(150, done.getInt("successCount"));
        } finally {
            CrmImportTarget.api.control("budget", "{}");
        }
        // 1,500 points through a bucket of 100 that restores 400 a second: without pacing, most requests would find
        // it empty
        long throttled = stats().getLong("throttled") - throttledBefore;
        assertTrue(throttled <= 4, "the requests waited for the budget instead: " + throttled + " throttled");
    }

    @Test
    @Order(26)
    void a_rollback_deletes_what_an_import_created_restores_what_it_updated_and_keeps_what_changed_since() {
        String prefix = "undo" + System.nanoTime();
        List<Map<String, String>> created = List.of(
                Map.of("input/email", prefix + "a@example.com", "input/firstName", "Ana", "input/status", "LEAD"),
                Map.of("input/email", prefix + "b@example.com", "input/firstName", "Ben", "input/status", "LEAD"),
                Map.of("input/email", prefix + "c@example.com", "input/firstName", "Cy", "input/status", "ACTIVE"));
        String creates = upload("crmundo.createContact", file("crmundo.createContact", created), false);
        assertEquals("COMPLETED", awaitEnd(creates, Duration.ofMinutes(1), new HashSet<>()).getString("status"));
        // someone renames Ben in the CRM after the import
        String ben = new JsonPath(graphqlOnTarget("{ contact(email: \"" + prefix + "b@example.com\") { id } }"))
                .getString("data.contact.id");
        graphqlOnTarget("mutation { updateContact(input: {id: \"" + ben + "\", firstName: \"Benjamin\"}) { contact { id } } }");
        // a contact that was there before, without a last name, is updated by a second import
        String dee = new JsonPath(graphqlOnTarget("mutation { createContact(input: {email: \"" + prefix
                + "d@example.com\", firstName: \"Dee\", status: LEAD}) { contact { id } } }"))
                .getString("data.createContact.contact.id");
        String updates = upload("crmundo.updateContact", file("crmundo.updateContact", List.of(Map.of("input/id", dee,
                "input/lastName", "Smith", "input/status", "ACTIVE"))), false);
        JsonPath updated = awaitEnd(updates, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", updated.getString("status"), () -> given().auth().oauth2(ADMIN).get("/imports/"
                + updates + "/exceptions.csv").then().extract().asString());
        assertEquals("Smith", onTarget(prefix + "d").getString("lastName"));

        assertEquals("ROLLING_BACK", rollback(creates));
        JsonPath rolledBack = await(creates, batch -> batch.getString("status").endsWith("ROLLED_BACK"),
                Duration.ofMinutes(1));
        assertEquals("PARTIALLY_ROLLED_BACK", rolledBack.getString("status"), rolledBack.prettify());
        assertNull(onTarget(prefix + "a").get("firstName"), "created by the import: deleted in the CRM");
        assertNull(onTarget(prefix + "c").get("firstName"), "created by the import: deleted in the CRM");
        assertEquals("Benjamin", onTarget(prefix + "b").getString("firstName"), "changed since: kept");
        String results = given().auth().oauth2(ADMIN).get("/imports/" + creates + "/rollback.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(results.contains("First Name is now 'Benjamin' (the import left 'Ben')"), results);

        assertEquals("ROLLING_BACK", rollback(updates));
        JsonPath restored = await(updates, batch -> batch.getString("status").endsWith("ROLLED_BACK"),
                Duration.ofMinutes(1));
        assertEquals("ROLLED_BACK", restored.getString("status"), restored.prettify());
        JsonPath deeNow = onTarget(prefix + "d");
        assertEquals("LEAD", deeNow.getString("status"), "set back through updateContact");
        assertNull(deeNow.getString("lastName"), "empty before the import: emptied again through clear");
    }

    private static String rollback(String id) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("query",
                "mutation($id: ID!) { rollbackImport(id: $id) { status } }", "variables", Map.of("id", id)))
                .post("/graphql").then().statusCode(200).extract().jsonPath().getString("data.rollbackImport.status");
    }

    /** The contact with the address as the CRM holds it now; its root is null when there is none. */
    private static JsonPath onTarget(String local) {
        return new JsonPath(graphqlOnTarget("{ contact(email: \"" + local + "@example.com\") { firstName lastName"
                + " status } }")).setRootPath("data.contact");
    }

    @Test
    @Order(27)
    void a_set_of_contacts_and_the_accounts_they_refer_to_runs_the_accounts_first() {
        String first = "Set Remote " + System.nanoTime();
        String second = first + " Two";
        String accounts = file("crm.createAccount", List.of(Map.of("input/name", first), Map.of("input/name", second)));
        String contacts = file(List.of(contact(first), contact(second)));
        String setId = given().auth().oauth2(ADMIN)
                .multiPart("file", "contacts.csv", contacts.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "auto")
                .multiPart("file", "accounts.csv", accounts.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "crm.createAccount")
                .post("/imports/sets").then().statusCode(202).extract().path("id");
        JsonPath set = given().auth().oauth2(ADMIN).get("/imports/sets/" + setId).then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of("crm.createAccount", "crm.createContact"), set.getList("batches.batch.template"),
                "the overlay's create of the contacts' account lookup is createAccount: the accounts go first");
        String accountsBatch = set.getString("batches[0].batch.id");
        assertEquals(List.of(accountsBatch), set.getList("batches[1].waitsFor"));

        JsonPath contactsDone = awaitEnd(set.getString("batches[1].batch.id"), Duration.ofMinutes(1), new HashSet<>());
        assertEquals("COMPLETED", contactsDone.getString("status"), contactsDone.prettify());
        assertEquals(2, contactsDone.getInt("successCount"), "their accounts existed by then");
        assertFalse(java.time.Instant.parse(contactsDone.getString("startedAt"))
                .isBefore(java.time.Instant.parse(batch(accountsBatch).getString("endedAt"))));
        assertEquals("COMPLETED", given().auth().oauth2(ADMIN).get("/imports/sets/" + setId).then().statusCode(200)
                .extract().path("status"));
    }

    @Test
    @Order(28)
    void a_file_sent_by_email_is_imported_into_the_target_and_the_reply_brings_its_outcome() throws Exception {
        String address = intake("mutation { rotateEmailImportAddress { address } }").getString(
                "data.rotateEmailImportAddress.address");
        intake("mutation { updateEmailImportSettings(input: {allowedSenders: [\"erp@partner.test\"],"
                + " requireAuthentication: true}) { allowedSenders } }");
        intake("mutation { saveEmailImportRule(input: {position: 1, filenamePattern: \"contacts-*.csv\", template:"
                + " \"crm.createContact\", dryRun: false}) { rules { id } } }");
        Map<String, String> good = contact("Acme");
        String csv = file(List.of(good, Map.of("input/email", "mailed-not-an-email", "input/firstName", "Mailed",
                "input/accountId", "Acme")));
        MimeMessage message = TestMail.message("erp@partner.test", address, "Nightly contacts", true,
                TestMail.attachment("contacts-nightly.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv"));
        MailServer.deliver(message);
        assertEquals(1, poller.poll());

        String id = intake("{ emailImportMessages { batches } }").getString("data.emailImportMessages[0].batches[0]");
        JsonPath done = awaitEnd(id, Duration.ofMinutes(1), new HashSet<>());
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals("EMAIL", done.getString("source"));
        assertTrue(records().getList("contacts.email").contains(good.get("input/email")), "in the target, as any row");
        assertTrue(MailServer.awaitReceived(1), "the reply arrives");
        MimeMessage reply = MailServer.repliesTo("erp@partner.test").get(0);
        assertEquals(message.getMessageID(), reply.getHeader("In-Reply-To", null));
        String text = TestMail.textOf(reply);
        assertTrue(text.contains("contacts-nightly.csv (crm.createContact): PARTIAL_SUCCESS") && text.contains(
                "1 failed") && text.contains("mailed-not-an-email is not an email address."), text);
        assertTrue(TestMail.attachmentNames(reply).contains("contacts-nightly-exceptions.csv"));
    }

    /** A query or mutation of Intake's own API, as the admin; one that answers errors fails the test. */
    private static JsonPath intake(String operation) {
        JsonPath answer = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("query", operation))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(answer.get("errors"), answer.prettify());
        return answer;
    }
}
