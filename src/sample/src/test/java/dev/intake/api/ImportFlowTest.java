package dev.intake.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ImportFlowTest {

    @Inject
    ImportWorker worker;

    @Test
    void a_clean_file_completes_and_its_records_are_readable_through_graphql() {
        String account = createAccount("Acme Training");
        String ada = UniqueNames.email("ada");
        String grace = UniqueNames.email("grace");
        String id = Imports.accepted("createContact", "contacts.csv", Imports.templateHeader("createContact")
                + Imports.csv(account + "," + ada + ",Ada,Lovelace,ACTIVE,,+44 20 7946 0000",
                        account + "," + grace + ",Grace,Hopper,lead,,"));

        JsonPath batch = Imports.finish(worker, id);

        assertEquals("COMPLETED", batch.getString("status"));
        assertEquals(2, batch.getInt("totalRows"));
        assertEquals(2, batch.getInt("processedRows"));
        assertEquals(2, batch.getInt("successCount"));
        assertEquals(0, batch.getInt("errorCount"));
        assertNotNull(batch.getString("startedAt"));
        assertNotNull(batch.getString("endedAt"));
        List<Map<String, Object>> contacts = contactsOf(account);
        assertEquals(2, contacts.size());
        assertEquals(Map.of("firstName", "Ada", "emailAddress", ada, "phone", "+44 20 7946 0000", "status", "ACTIVE"),
                withoutAccount(contacts.get(0)));
        assertEquals("LEAD", contacts.get(1).get("status"), "Fixed values match regardless of case");
    }

    @Test
    void bad_rows_fail_alone_and_the_exceptions_and_results_files_say_why() {
        String account = createAccount("Partial Ltd");
        String ok = UniqueNames.email("ok");
        String taken = UniqueNames.email("taken");
        createContact(account, taken);
        String csv = Imports.templateHeader("createContact") + Imports.csv(
                account + "," + ok + ",Olive,Ok,ACTIVE,,",
                account + ",not-an-email,Bad,Email,ACTIVE,,",
                "No Such Account," + UniqueNames.email("lost") + ",Lou,Lost,ACTIVE,,",
                account + "," + UniqueNames.email("status") + ",Stan,Status,ACTIV,,",
                account + "," + taken + ",Tom,Taken,INACTIVE,,",
                account + ",," + ",Nora,LEAD,,");
        String id = Imports.accepted("createContact", "partial.csv", csv);

        JsonPath batch = Imports.finish(worker, id);

        assertEquals("PARTIAL_SUCCESS", batch.getString("status"));
        assertEquals(1, batch.getInt("successCount"));
        assertEquals(5, batch.getInt("errorCount"));
        String[] templateRows = Imports.templateHeader("createContact").split("\r\n");
        String header = Imports.csv(beforeLastCell(templateRows[0], "Row Number,Error Type,Error Message,"),
                beforeLastCell(templateRows[1], ",,,"), beforeLastCell(templateRows[2], "The row of batch " + id
                        + " this row is. Leave it as it is: the corrected file uploaded again is linked to that batch,,,"),
                beforeLastCell(templateRows[3], ",,,"));
        String expectedExceptions = header + Imports.csv(
                account + ",not-an-email,Bad,Email,ACTIVE,,,6,VALIDATION,\"Row 6, column Email Address (input/emailAddress): "
                        + "must be a well-formed email address (got 'not-an-email')\",",
                "No Such Account," + csvLine(csv, 7).split(",")[1] + ",Lou,Lost,ACTIVE,,,7,LOOKUP,\"Row 7, column Account "
                        + "(input/account): No account has the name 'No Such Account' or that ID\",",
                account + "," + csvLine(csv, 8).split(",")[1] + ",Stan,Status,ACTIV,,,8,VALIDATION,\"Row 8, column Status "
                        + "(input/status): 'ACTIV' is not valid; expected one of ACTIVE, INACTIVE, LEAD\",",
                account + "," + taken + ",Tom,Taken,INACTIVE,,,9,CONFLICT,\"Row 9, column Email Address (input/emailAddress): "
                        + "another contact has this email address\",",
                account + ",,,Nora,LEAD,,,10,VALIDATION,\"Row 10, column Email Address (input/emailAddress): a value is "
                        + "required; Row 10, column First Name (input/firstName): a value is required\",");
        assertEquals(expectedExceptions, Imports.download("/imports/" + id + "/exceptions.csv"));

        String results = Imports.download("/imports/" + id + "/results.csv");
        List<String> lines = List.of(results.split("\r\n"));
        assertEquals(10, lines.size());
        assertEquals("\uFEFFAccount,Email Address,First Name,Last Name,Status,Manager,Phone,Row Number,Outcome,Entity ID,"
                + "Error Type,Error Message,Note,Template Version", lines.get(0));
        assertTrue(lines.get(4).matches(java.util.regex.Pattern.quote(account + "," + ok + ",Olive,Ok,ACTIVE,,,5,SUCCESS,")
                + "[A-Za-z0-9+/=]+,,,,"), lines.get(4));
        assertEquals(account + ",not-an-email,Bad,Email,ACTIVE,,,6,FAILED,,VALIDATION,\"Row 6, column Email Address "
                + "(input/emailAddress): must be a well-formed email address (got 'not-an-email')\",,", lines.get(5));
        String entityId = lines.get(4).split(",")[9];
        assertEquals("Olive", Imports.graphql("query($id: ID!) { contact(id: $id) { firstName } }", Map.of("id", entityId))
                .getString("data.contact.firstName"), "the results file's Entity ID is the record's ID");

        JsonPath failures = Imports.graphql("""
                query($id: ID!) {
                  importBatch(id: $id) {
                    failures(first: 2) { edges { cursor node { rowNumber errorType field message } } pageInfo { hasNextPage endCursor } }
                  }
                }
                """, Map.of("id", id));
        assertEquals(List.of(6, 7), failures.getList("data.importBatch.failures.edges.node.rowNumber"));
        assertEquals(List.of("VALIDATION", "LOOKUP"), failures.getList("data.importBatch.failures.edges.node.errorType"));
        assertEquals("input/emailAddress", failures.getString("data.importBatch.failures.edges[0].node.field"));
        assertTrue(failures.getBoolean("data.importBatch.failures.pageInfo.hasNextPage"));
        JsonPath next = Imports.graphql("""
                query($id: ID!, $after: String) { importBatch(id: $id) { failures(first: 10, after: $after) {
                  edges { node { rowNumber } } pageInfo { hasNextPage } } } }
                """, Map.of("id", id, "after", failures.getString("data.importBatch.failures.pageInfo.endCursor")));
        assertEquals(List.of(8, 9, 10), next.getList("data.importBatch.failures.edges.node.rowNumber"));
    }

    @Test
    void the_exceptions_file_imports_again_as_it_is_once_its_rows_are_fixed() {
        String account = createAccount("Round Trip");
        String fixedEmail = UniqueNames.email("fixed");
        String id = Imports.accepted("createContact", "round-trip.csv", Imports.templateHeader("createContact")
                + Imports.csv(account + ",wrong-email,Rita,Round,ACTIVE,,", account + "," + UniqueNames.email("fine")
                        + ",Fred,Fine,ACTIVE,,"));
        assertEquals("PARTIAL_SUCCESS", Imports.finish(worker, id).getString("status"));

        String exceptions = Imports.download("/imports/" + id + "/exceptions.csv");
        String fixed = exceptions.replace("wrong-email", fixedEmail);
        String again = Imports.accepted("createContact", "round-trip-exceptions.csv", fixed);
        JsonPath batch = Imports.finish(worker, again);

        assertEquals("COMPLETED", batch.getString("status"), batch.prettify());
        assertEquals(1, batch.getInt("successCount"));
        List<Object> names = contactsOf(account).stream().map(contact -> contact.get("firstName")).toList();
        assertEquals(2, names.size());
        assertTrue(names.containsAll(List.of("Rita", "Fred")), names.toString());
    }

    @Test
    void processed_rows_move_chunk_by_chunk_while_the_batch_runs() {
        String prefix = UniqueNames.of("Progress");
        String[] lines = new String[1201];
        lines[0] = "name";
        for (int i = 1; i <= 1200; i++) {
            lines[i] = prefix + " " + i;
        }
        String id = Imports.accepted("createAccount", "progress.csv", Imports.csv(lines));

        List<Integer> seen = new java.util.ArrayList<>();
        JsonPath batch = Imports.batch(id);
        for (int step = 0; step < 100 && !Imports.isFinal(batch.getString("status")); step++) {
            worker.runOnce();
            batch = Imports.batch(id);
            if (batch.getString("status").equals("PROCESSING")) {
                seen.add(batch.getInt("processedRows"));
            }
        }

        assertEquals("COMPLETED", batch.getString("status"));
        assertEquals(1200, batch.getInt("processedRows"));
        assertTrue(seen.containsAll(List.of(0, 500, 1000)), "progress seen while processing: " + seen);
    }

    @Test
    void a_batch_where_every_row_fails_ends_failed() {
        String id = Imports.accepted("createContact", "all-bad.csv", Imports.templateHeader("createContact")
                + Imports.csv("Nobody Ltd," + UniqueNames.email("x") + ",X,Y,ACTIVE,,", "Nobody Ltd,bad,X,Y,LEAD,,"));

        JsonPath batch = Imports.finish(worker, id);

        assertEquals("FAILED", batch.getString("status"));
        assertEquals(0, batch.getInt("successCount"));
        assertEquals(2, batch.getInt("errorCount"));
    }

    @Test
    void a_file_missing_a_required_column_waits_for_a_mapping_and_imports_nothing() {
        String account = createAccount("Missing Column");
        String id = Imports.accepted("createContact", "no-email.csv", Imports.csv(
                "Account,First Name,Last Name,Status", account + ",Mia,Missing,ACTIVE"));

        worker.drain();
        JsonPath batch = Imports.batch(id);

        assertEquals("MAPPING", batch.getString("status"));
        assertEquals("The columns of no-email.csv are not the template's; waiting for a person to map them "
                + "(mapColumns). No column maps to the required input/emailAddress.", batch.getString("message"));
        assertEquals(0, contactsOf(account).size());
    }

    @Test
    void unknown_and_duplicate_columns_are_named_in_the_mapping_proposal() {
        String id = Imports.accepted("createAccount", "odd-columns.csv", Imports.csv(
                "name,Website,website,colour", UniqueNames.of("Odd") + ",a,b,red"));

        worker.drain();
        JsonPath mapping = Imports.graphql("query($id: ID!) { importBatch(id: $id) { status mapping { columns { "
                + "proposedField reason } } } }", Map.of("id", id)).setRootPath("data.importBatch");

        assertEquals("MAPPING", mapping.getString("status"));
        assertEquals("input/website", mapping.getString("mapping.columns[1].proposedField"));
        assertEquals("would be input/website, which column B matches better", mapping.getString("mapping.columns[2].reason"));
        assertEquals("no field is like it", mapping.getString("mapping.columns[3].reason"));
    }

    @Test
    void uploading_the_same_file_while_it_is_pending_is_a_conflict() {
        String csv = Imports.csv("name", UniqueNames.of("Twice"));
        String first = Imports.accepted("createAccount", "twice.csv", csv);

        Imports.upload("createAccount", "twice-again.csv", csv)
                .then().statusCode(409)
                .body("errors[0].error", equalTo("Conflict"))
                .body("errors[0].error_code", equalTo("duplicate-import"))
                .body("errors[0].message", containsString(first));

        Imports.finish(worker, first);
        Imports.upload("createAccount", "twice-later.csv", csv).then().statusCode(202);
    }

    @Test
    void the_upload_answer_follows_the_interface_contract() {
        String csv = Imports.csv("name", UniqueNames.of("Contract"));
        Imports.upload("createAccount", "contract.csv", csv)
                .then().statusCode(202)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("status", equalTo("PENDING"))
                .body("template", equalTo("createAccount"))
                .body("filename", equalTo("contract.csv"))
                .body("fileSize", equalTo(csv.getBytes(StandardCharsets.UTF_8).length))
                .body("links.exceptions", matchesPattern("/imports/[0-9a-f-]{36}/exceptions.csv"));
    }

    @Test
    void the_original_file_downloads_byte_for_byte() {
        byte[] content = ("\uFEFFname,website\r\n" + UniqueNames.of("Bytes") + ",https://b.example\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String id = Imports.upload("createAccount", "bytes.csv", content).then().statusCode(202).extract().path("id");

        byte[] downloaded = Imports.as(Tokens.ADMIN).when().get("/imports/" + id + "/original")
                .then().statusCode(200).header("Content-Disposition", containsString("bytes.csv"))
                .extract().asByteArray();

        assertArrayEquals(content, downloaded);
    }

    @Test
    void refused_uploads_get_a_clear_400() {
        Imports.upload("createContakt", "a.csv", "name\r\nx\r\n").then().statusCode(400)
                .body("errors[0].error_code", equalTo("unknown-template"))
                .body("errors[0].message", equalTo("There is no template named 'createContakt'"))
                .body("errors[0].details", equalTo("Did you mean createContact or updateContact?"));
        Imports.upload("createAccount", "empty.csv", new byte[0]).then().statusCode(400)
                .body("errors[0].error_code", equalTo("empty-file"));
        Imports.upload("createAccount", "book.csv", new byte[] { 'P', 'K', 3, 4, 20, 0, 6, 0 }).then().statusCode(400)
                .body("errors[0].error_code", equalTo("not-a-workbook"))
                .body("errors[0].message", containsString("is a zip archive but not an Excel workbook"));
        Imports.as(Tokens.ADMIN).multiPart("template", "createAccount").when().post("/imports").then().statusCode(400)
                .body("errors[0].error_code", equalTo("missing-file"));
    }

    @Test
    void unknown_batches_are_not_found() {
        for (String path : List.of("", "/original", "/exceptions.csv", "/results.csv")) {
            Imports.as(Tokens.ADMIN).when().get("/imports/00000000-0000-0000-0000-000000000000" + path)
                    .then().statusCode(404).body("errors[0].error_code", equalTo("batch-not-found"));
        }
        Imports.as(Tokens.ADMIN).when().get("/imports/not-a-uuid/results.csv").then().statusCode(404);
        assertEquals(null, Imports.graphql("{ importBatch(id: \"nope\") { id } }").getString("data.importBatch"));
    }

    @Test
    void batches_list_newest_first_a_page_at_a_time_and_filter_by_status_and_template() {
        String older = Imports.accepted("createAccount", "older.csv", Imports.csv("name", UniqueNames.of("Older")));
        String newer = Imports.accepted("createAccount", "newer.csv", Imports.csv("name", UniqueNames.of("Newer")));

        JsonPath page = Imports.graphql("""
                { importBatches(first: 1, status: PENDING) { edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }
                """);
        assertEquals(List.of(newer), page.getList("data.importBatches.edges.node.id"));
        JsonPath next = Imports.graphql("""
                query($after: String) { importBatches(first: 1, after: $after, status: PENDING) { edges { node { id } } } }
                """, Map.of("after", page.getString("data.importBatches.pageInfo.endCursor")));
        assertEquals(List.of(older), next.getList("data.importBatches.edges.node.id"));

        Imports.finish(worker, newer);
        Imports.finish(worker, older);
        JsonPath completed = Imports.graphql("{ importBatches(first: 500, status: COMPLETED) { edges { node { id status } } } }");
        assertTrue(completed.getList("data.importBatches.edges.node.id").containsAll(List.of(older, newer)));
        JsonPath ofContacts = Imports.graphql("{ importBatches(first: 500, template: \"createContact\") { edges { node { id template } } } }");
        assertFalse(ofContacts.getList("data.importBatches.edges.node.id").contains(older));
        assertTrue(ofContacts.getList("data.importBatches.edges.node.template").stream().allMatch("createContact"::equals));
        JsonPath ofAccounts = Imports.graphql("{ importBatches(first: 500, template: \"createAccount\") { edges { node { id } } } }");
        assertTrue(ofAccounts.getList("data.importBatches.edges.node.id").containsAll(List.of(older, newer)));
    }

    static String createAccount(String base) {
        String name = UniqueNames.of(base);
        JsonPath result = Imports.graphql("mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", name)));
        assertNotNull(result.getString("data.createAccount.id"), result.prettify());
        return name;
    }

    static void createContact(String account, String email) {
        JsonPath result = Imports.graphql("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", "Existing", "lastName", "Contact", "emailAddress", email,
                        "status", "ACTIVE", "account", account)));
        assertNotNull(result.getString("data.createContact.id"), result.prettify());
    }

    static List<Map<String, Object>> contactsOf(String account) {
        List<Map<String, Object>> all = Imports.graphql("""
                { contacts(limit: 1000) { firstName emailAddress phone status account { name } } }
                """).getList("data.contacts");
        return all.stream().filter(contact -> account.equals(((Map<?, ?>) contact.get("account")).get("name"))).toList();
    }

    private static Map<String, Object> withoutAccount(Map<String, Object> contact) {
        Map<String, Object> copy = new java.util.HashMap<>(contact);
        copy.remove("account");
        return copy;
    }

    /** A CSV line with text inserted before its last cell (which has no comma in it). */
    private static String beforeLastCell(String line, String text) {
        int comma = line.lastIndexOf(',');
        return line.substring(0, comma + 1) + text + line.substring(comma + 1);
    }

    private static String csvLine(String csv, int rowNumber) {
        return csv.split("\r\n")[rowNumber - 1];
    }
}
