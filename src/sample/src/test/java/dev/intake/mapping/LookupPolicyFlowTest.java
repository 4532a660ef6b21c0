package dev.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Lookup policies over GraphQL, on real uploads: what happens to a row whose lookup cell matches no record when
 * the mapping says fail, blank, create or map; and the mapping step listing those values first.
 */
@QuarkusTest
class LookupPolicyFlowTest {

    private static final String MAP = """
            mutation($id: ID!, $input: MapColumnsInput!) { mapColumns(id: $id, input: $input) { status } }
            """;
    private static final String REFUSED = """
            query($id: ID!) { importBatch(id: $id) { status message mapping {
              columns { header field lookupPolicy refusedValues { value count firstRows } moreRefusedValues } } } }
            """;
    /** An organisation of this test's own, so its accounts are its own. */
    private static final String PIA = Tokens.of("pia", "policy-co", "import-admin", "contacts-writer", "accounts-writer");
    /** The same organisation, without the role that creates accounts. */
    private static final String PAT = Tokens.of("pat", "policy-co", "import-admin", "contacts-writer");
    private static final String CONTACTS = "Company,E-mail,First name,Last name,Status\r\n";

    @Inject
    ImportWorker worker;

    @Test
    void create_makes_each_new_account_once_for_a_thousand_rows_and_nothing_for_rows_that_fail_otherwise()
            throws IOException {
        String run = UniqueNames.of("New");
        String existing = account(PIA, UniqueNames.of("Existing"));
        StringBuilder csv = new StringBuilder(CONTACTS);
        for (int row = 0; row < 1000; row++) {
            String company = row % 50 == 49 ? existing : run + " " + (row % 10);
            boolean bad = row % 100 == 7;
            String email = bad ? "not-an-email-" + row : UniqueNames.email("lp" + row);
            csv.append(company).append(',').append(email).append(",F").append(row).append(",L,ACTIVE\r\n");
        }
        csv.append(run + " Ghost,ghost-without-at,G,Host,ACTIVE\r\n");
        csv.append(run + " Ghost,also-not-an-email,G,Host,ACTIVE\r\n");
        String id = uploadForReview(PIA, "createContact", csv.toString());

        JsonPath waiting = refused(PIA, id);
        assertEquals("MAPPING", waiting.getString("status"), waiting.prettify());
        assertEquals(11, waiting.getList("mapping.columns[0].refusedValues").size(),
                "ten new names and the ghost: " + waiting.prettify());
        assertEquals(List.of(run + " 0", 100, List.of(2, 12, 22)), List.of(
                waiting.getString("mapping.columns[0].refusedValues[0].value"),
                waiting.getInt("mapping.columns[0].refusedValues[0].count"),
                waiting.getList("mapping.columns[0].refusedValues[0].firstRows")));
        assertTrue(waiting.getString("message").contains("to a record (or a lookup policy)"), waiting.getString("message"));

        JsonPath mapped = map(PIA, id, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "CREATE"),
                Map.of("column", 2, "field", "input/emailAddress")));
        assertEquals("VALIDATING", mapped.getString("data.mapColumns.status"), mapped.prettify());
        JsonPath done = Imports.finish(worker, PIA, id);
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals(990, done.getInt("successCount"));
        assertEquals(12, done.getInt("errorCount"));

        Map<String, Integer> accounts = accounts(PIA);
        for (int k = 0; k < 10; k++) {
            assertEquals(1, accounts.getOrDefault(run + " " + k, 0), "account " + k + " was created once");
        }
        assertEquals(0, accounts.getOrDefault(run + " Ghost", 0), "no account for rows that failed for another reason");
        assertEquals(1, accounts.getOrDefault(existing, 0));

        List<CSVRecord> results = results(PIA, id);
        Map<String, Long> notes = new HashMap<>();
        for (CSVRecord record : results) {
            String note = record.get(record.size() - 2);
            if (note.startsWith("Created account")) {
                notes.merge(note, 1L, Long::sum);
            }
        }
        assertEquals(10, notes.size(), "one note per created account: " + notes);
        assertTrue(notes.values().stream().allMatch(count -> count == 1), "each account is created by one row: " + notes);
        assertEquals("Created account '" + run + " 0' (lookup policy create)", results.get(4).get(results.get(4).size() - 2),
                "the first row names the first new account");
        CSVRecord failed = results.get(4 + 7);
        List<String> labels = results.get(0).toList();
        assertEquals("FAILED", failed.get(labels.indexOf("Outcome")));
        assertEquals("VALIDATION", failed.get(labels.indexOf("Error Type")), "the row failed for its e-mail address, "
                + "not its account: " + failed);
        assertEquals(labels.size() - 2, labels.indexOf("Note"));
    }

    @Test
    void two_workers_running_chunks_that_name_the_same_new_accounts_create_each_once() throws Exception {
        String run = UniqueNames.of("Shared");
        StringBuilder csv = new StringBuilder(CONTACTS);
        for (int row = 0; row < 2000; row++) {
            csv.append(run).append(' ').append(row % 5).append(',').append(UniqueNames.email("sh" + row))
                    .append(",F,L,ACTIVE\r\n");
        }
        String id = uploadForReview(PIA, "createContact", csv.toString());
        map(PIA, id, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "CREATE"),
                Map.of("column", 2, "field", "input/emailAddress")));
        Runnable untilDone = () -> {
            while (!Imports.isFinal(Imports.batch(PIA, id).getString("status"))) {
                worker.drain();
            }
        };
        Thread other = new Thread(untilDone, "second-worker");
        other.start();
        untilDone.run();
        other.join(60_000);

        JsonPath done = Imports.batch(PIA, id);
        assertEquals("COMPLETED", done.getString("status"), Imports.graphql(PIA, "query($id: ID!) { importBatch(id: $id) "
                + "{ failures(first: 3) { edges { node { message } } } } }", Map.of("id", id)).prettify());
        Map<String, Integer> accounts = accounts(PIA);
        for (int k = 0; k < 5; k++) {
            assertEquals(1, accounts.getOrDefault(run + " " + k, 0), "account " + k + " was created once");
        }
    }

    @Test
    void create_refuses_where_the_uploader_cannot_create_the_record_and_blank_where_the_field_is_required() {
        String id = uploadForReview(PAT, "createContact", CONTACTS + "Nobody Ltd," + UniqueNames.email("pat") + ",P,T,ACTIVE\r\n");
        JsonPath create = map(PAT, id, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "CREATE"),
                Map.of("column", 2, "field", "input/emailAddress")));
        assertTrue(create.getString("errors[0].message").contains("column 1 (A) 'Company': create is not possible: "
                + "the uploader pat lacks the role accounts-writer that createAccount requires"), create.prettify());
        JsonPath blank = map(PAT, id, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "BLANK"),
                Map.of("column", 2, "field", "input/emailAddress")));
        assertTrue(blank.getString("errors[0].message").contains("column 1 (A) 'Company': blank would leave out "
                + "input/account, which is required"), blank.prettify());
        JsonPath notLookup = map(PAT, id, List.of(Map.of("column", 2, "field", "input/emailAddress", "lookupPolicy",
                "CREATE")));
        assertTrue(notLookup.getString("errors[0].message").contains("column 2 (B) 'E-mail': a lookup policy is only for a "
                + "column that fills a lookup field"), notLookup.prettify());
        assertEquals("MAPPING", refused(PAT, id).getString("status"), "refused mappings change nothing");
    }

    @Test
    void blank_leaves_an_optional_lookup_out_but_keeps_a_parent_an_earlier_row_of_the_file_creates() throws IOException {
        String head = UniqueNames.of("Head Office");
        String branch = UniqueNames.of("Branch");
        String orphan = UniqueNames.of("Orphan");
        String csv = "Account name,Parent account\r\n" + head + ",\r\n" + branch + "," + head + "\r\n" + orphan
                + ",Nowhere Holdings\r\n";
        String id = uploadForReview(PIA, "createAccount", csv);
        JsonPath waiting = refused(PIA, id);
        assertEquals(List.of(head, "Nowhere Holdings"), waiting.getList("mapping.columns[1].refusedValues.value"),
                "values matching no record yet, including one the file itself creates: " + waiting.prettify());

        JsonPath mapped = map(PIA, id, List.of(Map.of("column", 1, "field", "input/name"),
                Map.of("column", 2, "field", "input/parent", "lookupPolicy", "BLANK")));
        assertEquals("VALIDATING", mapped.getString("data.mapColumns.status"), mapped.prettify());
        JsonPath done = Imports.finish(worker, PIA, id);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals("BLANK", refused(PIA, id).getString("mapping.columns[1].lookupPolicy"));

        JsonPath accounts = Imports.graphql(PIA, "{ accounts { name parent } }", Map.of());
        assertEquals(head, parentOf(accounts, branch), "the parent an earlier row created is found, not left out");
        assertEquals(null, parentOf(accounts, orphan), "no account matched, so the parent was left out");
        List<CSVRecord> results = results(PIA, id);
        assertEquals("Left out input/parent: no account matched 'Nowhere Holdings' (lookup policy blank)",
                results.get(6).get(results.get(6).size() - 2));
        assertEquals("", results.get(5).get(results.get(5).size() - 2));
    }

    @Test
    void map_sends_values_to_existing_records_and_the_lookup_error_names_the_policy() {
        String acme = account(PIA, UniqueNames.of("Acme Limited"));
        String csv = CONTACTS + "Acme Ltd," + UniqueNames.email("m1") + ",A,One,ACTIVE\r\n" + "Umbrella,"
                + UniqueNames.email("m2") + ",U,Two,ACTIVE\r\n";
        String id = uploadForReview(PIA, "createContact", csv);

        JsonPath wrong = map(PIA, id, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "MAP", "values",
                List.of(Map.of("from", "Acme Ltd", "to", "Acme Nonexistent"))), Map.of("column", 2, "field",
                        "input/emailAddress")));
        assertTrue(wrong.getString("errors[0].message").contains("column 1 (A) 'Company': 'Acme Ltd' maps to "
                + "'Acme Nonexistent', which matches no account by name"), wrong.prettify());
        JsonPath noMaps = map(PIA, id, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "MAP"),
                Map.of("column", 2, "field", "input/emailAddress")));
        assertTrue(noMaps.getString("errors[0].message").contains("map needs value maps that name existing accounts"),
                noMaps.prettify());

        JsonPath mapped = map(PIA, id, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "MAP",
                "values", List.of(Map.of("from", "Acme Ltd", "to", acme))), Map.of("column", 2, "field",
                        "input/emailAddress")));
        assertEquals("VALIDATING", mapped.getString("data.mapColumns.status"), mapped.prettify());
        JsonPath done = Imports.finish(worker, PIA, id);
        assertEquals(1, done.getInt("successCount"), done.prettify());
        JsonPath failures = Imports.graphql(PIA, "query($id: ID!) { importBatch(id: $id) { failures { edges { node { "
                + "rowNumber errorType message } } } } }", Map.of("id", id)).setRootPath("data.importBatch.failures.edges.node");
        assertEquals("LOOKUP", failures.getString("[0].errorType"), failures.prettify());
        assertEquals("Row 3, column Account (input/account): No account has the name 'Umbrella' or that ID "
                + "(lookup policy map: no value map names it)", failures.getString("[0].message"));
    }

    @Test
    void a_saved_mapping_keeps_its_lookup_policy_and_fail_is_named_in_the_error() {
        String run = UniqueNames.of("Saved");
        String header = "Organisation,Email address,First Name,Last Name,Status\r\n";
        String first = uploadForReview(PIA, "createContact", header + run + " A," + UniqueNames.email("s1")
                + ",S,One,ACTIVE\r\n");
        JsonPath mapped = Imports.graphql(PIA, MAP, Map.of("id", first, "input", Map.of("save", true, "columns", List.of(
                Map.of("column", 1, "field", "input/account", "lookupPolicy", "CREATE")))));
        assertEquals("VALIDATING", mapped.getString("data.mapColumns.status"), mapped.prettify());
        assertEquals("COMPLETED", Imports.finish(worker, PIA, first).getString("status"));

        String second = Imports.upload(PIA, "createContact", UniqueNames.of("saved") + ".csv", (header + run + " B,"
                + UniqueNames.email("s2") + ",S,Two,ACTIVE\r\n").getBytes(StandardCharsets.UTF_8)).then().statusCode(202)
                .extract().path("id");
        JsonPath done = Imports.finish(worker, PIA, second);
        assertEquals("COMPLETED", done.getString("status"), "the saved mapping's create policy applies: " + done.prettify());
        assertEquals(1, accounts(PIA).getOrDefault(run + " B", 0));

        String third = uploadForReview(PIA, "createContact", header + "Nobody " + run + "," + UniqueNames.email("s3")
                + ",S,Three,ACTIVE\r\n");
        map(PIA, third, List.of(Map.of("column", 1, "field", "input/account", "lookupPolicy", "FAIL")));
        Imports.finish(worker, PIA, third);
        JsonPath failure = Imports.graphql(PIA, "query($id: ID!) { importBatch(id: $id) { failures { edges { node { message } } } } }",
                Map.of("id", third));
        assertTrue(failure.getString("data.importBatch.failures.edges[0].node.message").endsWith("(lookup policy fail)"),
                failure.prettify());
        assertFalse(accounts(PIA).containsKey("Nobody " + run));
    }

    private static String parentOf(JsonPath accounts, String name) {
        List<Map<String, String>> all = accounts.getList("data.accounts");
        return all.stream().filter(account -> name.equals(account.get("name"))).findFirst().orElseThrow().get("parent");
    }

    private static JsonPath map(String token, String id, List<Map<String, Object>> columns) {
        return Imports.graphql(token, MAP, Map.of("id", id, "input", Map.of("columns", columns)));
    }

    private static JsonPath refused(String token, String id) {
        return Imports.graphql(token, REFUSED, Map.of("id", id)).setRootPath("data.importBatch");
    }

    private String uploadForReview(String token, String template, String csv) {
        String id = Imports.as(token).multiPart("file", UniqueNames.of("policy") + ".csv",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv").multiPart("template", template)
                .multiPart("mapping", "review").post("/imports").then().statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    private static Map<String, Integer> accounts(String token) {
        JsonPath result = Imports.graphql(token, "{ accounts { name } }", Map.of());
        Map<String, Integer> counts = new HashMap<>();
        for (String name : result.<String>getList("data.accounts.name")) {
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }

    private static String account(String token, String name) {
        JsonPath result = Imports.graphql(token, "mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", name)));
        assertTrue(result.getString("data.createAccount.id") != null, result.prettify());
        return name;
    }

    private static List<CSVRecord> results(String token, String id) throws IOException {
        String csv = Imports.as(token).get("/imports/" + id + "/results.csv").then().statusCode(200).extract().asString();
        List<CSVRecord> records = new ArrayList<>();
        CSVFormat.DEFAULT.parse(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv))
                .forEach(records::add);
        return records;
    }
}
