package dev.intake.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Custom fields defined at run time become template columns at once, are checked by type, and are stored. */
@QuarkusTest
class CustomFieldsTest {

    private static final String TOKEN = Tokens.of("cass", "custom-fields", "import-admin", "accounts-writer",
            "contacts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_new_custom_field_changes_the_next_template_without_a_restart_and_its_values_are_checked_and_stored() {
        String before = Imports.as(TOKEN).get("/imports/templates/createContact.csv").then().extract().asString();
        define("Membership", "FIXED", true, List.of("GOLD", "SILVER"));
        define("JoinedOn", "DATE", false, List.of());
        define("Score", "NUMBER", false, List.of());

        String after = Imports.as(TOKEN).get("/imports/templates/createContact.csv").then().extract().asString();
        assertTrue(!before.contains("input/customFields/Membership"));
        List<String> rows = List.of(after.split("\r\n"));
        assertTrue(rows.get(1).endsWith(",input/customFields/Membership,input/customFields/JoinedOn,"
                + "input/customFields/Score,"), rows.get(1));
        assertTrue(rows.get(3).contains("\"Fixed: GOLD, SILVER (Required)\",Date (Optional),Number (Optional),createContact@"),
                rows.get(3));
        assertTrue(!before.split("\r\n")[3].endsWith(rows.get(3).substring(rows.get(3).lastIndexOf(','))),
                "the template version changed with the new columns");

        String account = UniqueNames.of("Custom Co");
        Catalogue.account(TOKEN, account);
        String good = UniqueNames.email("good");
        String csv = after + Imports.csv(
                account + "," + good + ",Gina,Good,ACTIVE,,,gold,2024-02-29,7.5,",
                account + "," + UniqueNames.email("bad") + ",Bo,Bad,ACTIVE,,,GOLD,29/02/2024,lots,",
                account + "," + UniqueNames.email("none") + ",No,Member,ACTIVE,,,,,,");
        String id = Imports.upload(TOKEN, "createContact", "custom.csv", csv.getBytes()).then().statusCode(202)
                .extract().path("id");
        JsonPath batch = Imports.finish(worker, TOKEN, id);

        assertEquals("PARTIAL_SUCCESS", batch.getString("status"));
        List<String> messages = Imports.graphql(TOKEN,
                "query($id: ID!) { importBatch(id: $id) { failures { edges { node { message } } } } }", Map.of("id", id))
                .getList("data.importBatch.failures.edges.node.message");
        assertEquals(List.of(
                "Row 6, column JoinedOn (input/customFields/JoinedOn): '29/02/2024' is not valid; expected a date such as "
                        + "2025-11-04; Row 6, column Score (input/customFields/Score): 'lots' is not valid; expected a "
                        + "decimal number such as 9.99, with a point and no thousands separator",
                "Row 7, column Membership (input/customFields/Membership): a value is required"), messages);
        List<Map<String, Object>> contacts = Imports.graphql(TOKEN,
                "{ contacts(limit: 1000) { emailAddress customFields { name value } } }", Map.of()).getList("data.contacts");
        Object stored = contacts.stream().filter(c -> good.equals(c.get("emailAddress"))).findFirst().orElseThrow()
                .get("customFields");
        assertEquals(List.of(Map.of("name", "JoinedOn", "value", "2024-02-29"), Map.of("name", "Membership", "value", "GOLD"),
                Map.of("name", "Score", "value", "7.5")), stored);
    }

    @Test
    void the_mutation_checks_custom_fields_for_api_callers_too() {
        String account = UniqueNames.of("Api Custom");
        Catalogue.account(TOKEN, account);
        define("Tier", "NUMBER", false, List.of());
        JsonPath result = Imports.graphql(TOKEN, "mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", "A", "lastName", "B", "emailAddress", UniqueNames.email("api"),
                        "status", "ACTIVE", "account", account, "customFields", List.of(
                                Map.of("name", "Tier", "value", "high"), Map.of("name", "Nope", "value", "x")))));
        assertEquals("invalid-value", result.getString("errors[0].extensions.code"));
        assertTrue(result.getString("errors[0].message").contains("expected a number"), result.prettify());
    }

    @Test
    void updating_one_custom_field_keeps_the_others_and_is_stored() {
        String token = Tokens.of("cleo", "custom-fields-update", "import-admin", "accounts-writer", "contacts-writer");
        define(token, "Visits", "NUMBER", false, List.of());
        define(token, "Rating", "NUMBER", false, List.of());
        String account = UniqueNames.of("Update Custom");
        Catalogue.account(token, account);
        String id = Imports.graphql(token, "mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", "Una", "lastName", "Update", "emailAddress", UniqueNames.email("update"),
                        "status", "ACTIVE", "account", account, "customFields",
                        List.of(Map.of("name", "Visits", "value", "1")))))
                .getString("data.createContact.id");

        String update = "mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }";
        Imports.graphql(token, update, Map.of("input", Map.of("id", id, "customFields",
                List.of(Map.of("name", "Rating", "value", "4")))));
        Imports.graphql(token, update, Map.of("input", Map.of("id", id, "customFields",
                List.of(Map.of("name", "Visits", "value", "2")))));

        List<Map<String, Object>> contacts = Imports.graphql(token,
                "{ contacts(limit: 1000) { id customFields { name value } } }", Map.of()).getList("data.contacts");
        Object stored = contacts.stream().filter(c -> id.equals(c.get("id"))).findFirst().orElseThrow().get("customFields");
        assertEquals(List.of(Map.of("name", "Rating", "value", "4"), Map.of("name", "Visits", "value", "2")), stored,
                "each update is written, and the field it leaves out keeps its value");
    }

    private static void define(String name, String type, boolean required, List<String> allowed) {
        define(TOKEN, name, type, required, allowed);
    }

    private static void define(String token, String name, String type, boolean required, List<String> allowed) {
        JsonPath result = Imports.graphql(token, """
                mutation($input: CustomFieldInput!) { defineCustomField(input: $input) { name } }
                """, Map.of("input", Map.of("entity", "Contact", "name", name, "type", type, "required", required,
                "allowedValues", allowed)));
        assertEquals(name, result.getString("data.defineCustomField.name"), result.prettify());
    }
}
