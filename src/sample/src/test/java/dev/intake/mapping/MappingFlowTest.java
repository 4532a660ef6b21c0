package dev.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The mapping step over GraphQL, on real uploads: a file whose headers are a CRM's stops in MAPPING with a
 * proposal per column, a person maps it and it completes; the saved mapping lets the next file with the same
 * headers through on its own, for that organisation only.
 */
@QuarkusTest
class MappingFlowTest {

    private static final String MAPPING = """
            query($id: ID!) { importBatch(id: $id) { status message mapping { decidedBy decidedByUser missingRequired
              columns { number letter header samples proposedField confidence reason field } } } }
            """;
    private static final String MAP = """
            mutation($id: ID!, $input: MapColumnsInput!) { mapColumns(id: $id, input: $input) { status } }
            """;
    /** An organisation of this test's own, so that no other test's remembered mappings answer. */
    private static final String MIA = Tokens.of("mia", "mapping-co", "import-admin", "contacts-writer", "accounts-writer");
    private static final String OLGA = Tokens.of("olga", "globex", "import-admin", "contacts-writer", "accounts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_crm_export_waits_in_mapping_is_mapped_over_graphql_and_completes_and_its_saved_mapping_is_used_next_time() {
        String account = account(MIA);
        String crm = "Company,E-mail,First name,Last name,Lead Status,Favourite Colour\r\n";
        String id = upload(MIA, crm + account + "," + UniqueNames.email("crm") + ",Ada,Lovelace,ACTIVE,teal\r\n");

        JsonPath batch = mapping(MIA, id);
        assertEquals("MAPPING", batch.getString("status"), batch.prettify());
        assertTrue(batch.getString("message").contains("waiting for a person to map them"), batch.getString("message"));
        assertEquals(List.of(), batch.getList("mapping.missingRequired"));
        assertNull(batch.getString("mapping.decidedBy"));
        assertColumn(batch, 1, "A", "Company", "input/account", "alias \"Company\"");
        assertColumn(batch, 2, "B", "E-mail", "input/emailAddress", null);
        assertColumn(batch, 3, "C", "First name", "input/firstName", "exact label");
        assertColumn(batch, 6, "F", "Favourite Colour", null, "no field is like it");
        assertEquals(List.of("teal"), batch.getList("mapping.columns[5].samples"));

        JsonPath refused = Imports.graphql(MIA, MAP, Map.of("id", id, "input", Map.of("columns", List.of(
                Map.of("column", 1, "field", "input/company"), Map.of("column", 2, "ignore", true)))));
        String message = refused.getString("errors[0].message");
        assertTrue(message.contains("column 1 (A) 'Company': 'input/company' is not a field of createContact"), message);
        assertTrue(message.contains("column 6 (F) 'Favourite Colour' is neither mapped to a field nor ignored"), message);
        assertTrue(message.contains("no column maps to the required field Email Address (input/emailAddress)"), message);
        assertEquals("MAPPING", mapping(MIA, id).getString("status"), "a refused mapping changes nothing");

        JsonPath mapped = Imports.graphql(MIA, MAP, Map.of("id", id, "input", Map.of("save", true, "columns",
                List.of(Map.of("column", 1, "field", "input/account"), Map.of("column", 6, "ignore", true)))));
        assertEquals("VALIDATING", mapped.getString("data.mapColumns.status"), mapped.prettify());
        JsonPath done = Imports.finish(worker, MIA, id);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        JsonPath after = mapping(MIA, id);
        assertEquals("person", after.getString("mapping.decidedBy"));
        assertEquals("mia", after.getString("mapping.decidedByUser"));
        assertEquals("input/account", after.getString("mapping.columns[0].field"));
        assertNull(after.getString("mapping.columns[5].field"), "the ignored column was not imported");

        String reordered = "First name,Last name,E-mail,Favourite Colour,Company,Lead Status\r\n";
        String next = upload(MIA, reordered + "Grace,Hopper," + UniqueNames.email("crm2") + ",red," + account
                + ",LEAD\r\n");
        JsonPath second = Imports.finish(worker, MIA, next);
        assertEquals("COMPLETED", second.getString("status"), "the saved mapping skips MAPPING: " + second.prettify());
        JsonPath remembered = mapping(MIA, next);
        assertEquals("saved", remembered.getString("mapping.decidedBy"), "the saved mapping decided it");
        assertEquals("mia", remembered.getString("mapping.decidedByUser"), "who saved it");
        assertTrue(remembered.getString("mapping.columns[4].reason").startsWith("saved mapping of batch "
                + id.substring(0, 8)), remembered.getString("mapping.columns[4].reason"));

        String theirs = upload(OLGA, crm + account(OLGA) + "," + UniqueNames.email("globex") + ",Olga,O,ACTIVE,blue\r\n");
        assertEquals("MAPPING", mapping(OLGA, theirs).getString("status"), "another organisation's saved mapping is not used");
        assertEquals("alias \"Company\"", mapping(OLGA, theirs).getString("mapping.columns[0].reason"),
                "not acme's saved mapping");
        JsonPath cancelled = Imports.graphql(OLGA, "mutation($id: ID!) { cancelImport(id: $id) { status } }",
                Map.of("id", theirs));
        assertEquals("CANCELLED", cancelled.getString("data.cancelImport.status"), "a batch in MAPPING can be cancelled");
    }

    @Test
    void values_a_fixed_field_refuses_are_listed_with_their_rows_and_mapped_before_the_rows_run() {
        String account = account(MIA);
        String header = "Account,E-mail address,First Name,Last Name,Status,Source\r\n";
        String csv = header + account + "," + UniqueNames.email("v1") + ",Pam,Prospect,Prospect,web\r\n"
                + account + "," + UniqueNames.email("v2") + ",Cus,Customer,Customer,fair\r\n"
                + account + "," + UniqueNames.email("v3") + ",Pia,Prospect,prospect,web\r\n"
                + account + "," + UniqueNames.email("v4") + ",Ann,Active,not-active,web\r\n";
        String id = upload(MIA, csv.replace("not-active", "active"));

        JsonPath batch = Imports.graphql(MIA, """
                query($id: ID!) { importBatch(id: $id) { status message mapping { columns { refusedValues { value count firstRows } } } } }
                """, Map.of("id", id)).setRootPath("data.importBatch");
        assertEquals("MAPPING", batch.getString("status"), "the Source column waits for a person: " + batch.prettify());
        assertTrue(batch.getString("message").contains("3 values need mapping"), batch.getString("message"));
        assertEquals(List.of("Prospect", "Customer", "prospect"), batch.getList("mapping.columns[4].refusedValues.value"));
        assertEquals(List.of(2), batch.getList("mapping.columns[4].refusedValues[0].firstRows"));
        assertEquals(List.of(), batch.getList("mapping.columns[1].refusedValues"), "a text column has none");

        JsonPath wrong = Imports.graphql(MIA, MAP, Map.of("id", id, "input", Map.of("columns", List.of(
                Map.of("column", 6, "ignore", true),
                Map.of("column", 5, "field", "input/status", "values", List.of(Map.of("from", "Prospect", "to", "PROSPECT")))))));
        assertTrue(wrong.getString("errors[0].message").contains("column 5 (E) 'Status': 'Prospect' maps to 'PROSPECT', "
                + "which input/status does not accept; expected one of ACTIVE, INACTIVE, LEAD"), wrong.prettify());

        JsonPath mapped = Imports.graphql(MIA, MAP, Map.of("id", id, "input", Map.of("save", true, "columns",
                List.of(Map.of("column", 6, "ignore", true), Map.of("column", 5, "field", "input/status", "values",
                        List.of(Map.of("from", "Prospect", "to", "LEAD"), Map.of("from", "Customer", "to", "ACTIVE")))))));
        assertEquals("VALIDATING", mapped.getString("data.mapColumns.status"), mapped.prettify());
        assertEquals("COMPLETED", Imports.finish(worker, MIA, id).getString("status"));
        List<Map<String, Object>> contacts = Imports.graphql(MIA, "{ contacts(limit: 1000) { status account { name } } }", Map.of())
                .getList("data.contacts");
        List<String> statuses = contacts.stream().filter(contact -> account.equals(((Map<?, ?>) contact.get("account"))
                .get("name"))).map(contact -> (String) contact.get("status")).sorted().toList();
        assertEquals(List.of("ACTIVE", "ACTIVE", "LEAD", "LEAD"), statuses, "prospect matched Prospect in another case");
        String results = Imports.as(MIA).get("/imports/" + id + "/results.csv").then().statusCode(200).extract().asString();
        assertTrue(results.contains(",Prospect,") && results.contains(",Customer,"), "the results show the file's own cells: "
                + results);
        assertTrue(results.contains("input/account,input/emailAddress,input/firstName"), "in the template's header rows: "
                + results);

        String again = upload(MIA, header.replace("Status", "status") + account + ","
                + UniqueNames.email("v5") + ",Sam,Saved,Customer,web\r\n");
        assertEquals("COMPLETED", Imports.finish(worker, MIA, again).getString("status"), "the saved value maps apply");
    }

    @Test
    void headers_that_only_differ_in_spelling_go_on_without_a_person() {
        String account = account(MIA);
        String id = upload(MIA, "ACCOUNT,E-mail address,first_name,LAST-NAME,status\r\n" + account + ","
                + UniqueNames.email("spelled") + ",Alan,Turing,ACTIVE\r\n");
        JsonPath done = Imports.finish(worker, MIA, id);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        JsonPath batch = mapping(MIA, id);
        assertEquals("proposal", batch.getString("mapping.decidedBy"));
        assertEquals("normalised label \"Email Address\"", batch.getString("mapping.columns[1].reason"));
        assertEquals(0.95f, batch.getFloat("mapping.columns[1].confidence"));
    }

    @Test
    void an_upload_may_ask_for_its_mapping_to_be_reviewed_however_sure_the_proposal() {
        String account = account(MIA);
        String csv = "Account,Email Address,First Name,Last Name,Status\r\n" + account + ","
                + UniqueNames.email("review") + ",Rev,Iew,ACTIVE\r\n";
        String id = Imports.as(MIA).multiPart("file", "review.csv", csv.getBytes(), "text/csv")
                .multiPart("template", "createContact").multiPart("mapping", "review").post("/imports").then()
                .statusCode(202).extract().path("id");
        worker.drain();
        JsonPath batch = mapping(MIA, id);
        assertEquals("MAPPING", batch.getString("status"), "the template's own headers wait too");
        assertTrue(batch.getString("message").startsWith("The upload asked for a person to review its column mapping"),
                batch.getString("message"));
        Imports.graphql(MIA, MAP, Map.of("id", id, "input", Map.of("columns", List.of())));
        assertEquals("COMPLETED", Imports.finish(worker, MIA, id).getString("status"), "confirming the proposal as it is");

        Imports.as(MIA).multiPart("file", "x.csv", csv.getBytes(), "text/csv").multiPart("template", "createContact")
                .multiPart("mapping", "sometimes").post("/imports").then().statusCode(400)
                .body("errors[0].error_code", org.hamcrest.Matchers.equalTo("invalid-mapping"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo(
                        "The form field 'mapping' is 'sometimes'; expected auto or review"));
    }

    @Test
    void a_file_with_the_templates_own_headers_has_no_mapping_step() {
        String account = account(MIA);
        String id = upload(MIA, Imports.templateHeader("createContact") + Imports.csv(account + ","
                + UniqueNames.email("plain") + ",Plain,Header,ACTIVE,,"));
        assertEquals("COMPLETED", Imports.finish(worker, MIA, id).getString("status"));
        assertNull(mapping(MIA, id).get("mapping"));
    }

    private static void assertColumn(JsonPath batch, int number, String letter, String header, String proposed,
            String reason) {
        String at = "mapping.columns[" + (number - 1) + "].";
        assertEquals(number, batch.getInt(at + "number"));
        assertEquals(letter, batch.getString(at + "letter"));
        assertEquals(header, batch.getString(at + "header"));
        assertEquals(proposed, batch.getString(at + "proposedField"), batch.getString(at + "reason"));
        if (reason != null) {
            assertEquals(reason, batch.getString(at + "reason"));
        }
    }

    private static JsonPath mapping(String token, String id) {
        return Imports.graphql(token, MAPPING, Map.of("id", id)).setRootPath("data.importBatch");
    }

    private String upload(String token, String csv) {
        String id = Imports.upload(token, "createContact", UniqueNames.of("crm") + ".csv", csv.getBytes()).then()
                .statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    private static String account(String token) {
        String name = UniqueNames.of("Mapped Account");
        JsonPath result = Imports.graphql(token, "mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", name)));
        assertTrue(result.getString("data.createAccount.id") != null, result.prettify());
        return name;
    }
}
