package dev.intake.undo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

/** Rolling back a finished import: creates undone through the schema's own delete mutations, as the admin. */
@QuarkusTest
class RollbackTest {

    private static final String ROLLBACK = "mutation($id: ID!) { rollbackImport(id: $id) { status } }";

    private static final String STATE = "query($id: ID!) { importBatch(id: $id) { status message rollbackRefusal"
            + " rollback { by committedRows undoneRows keptRows failedRows } events { status actor } } }";

    @Inject
    ImportWorker worker;

    @Test
    void a_rollback_deletes_the_contacts_an_import_created_and_leaves_the_rest() {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Undone"));
        String prefix = prefix("undo");
        String id = upload("createContact", Imports.templateHeader("createContact")
                + account + "," + prefix + "1@example.org,Una,One,ACTIVE,,\r\n"
                + account + "," + prefix + "2@example.org,Una,Two,ACTIVE,,\r\n"
                + "No account " + prefix + "," + prefix + "3@example.org,Una,Three,ACTIVE,,\r\n");
        assertEquals("PARTIAL_SUCCESS", Imports.finish(worker, id).getString("status"));
        List<String> created = createdIds(id);
        assertEquals(2, created.size());
        assertTrue(created.stream().allMatch(this::contactExists), "the import created them");

        assertEquals("ROLLING_BACK", Imports.graphql(ROLLBACK, Map.of("id", id)).getString("data.rollbackImport.status"));
        assertEquals("ROLLED_BACK", Imports.finish(worker, id).getString("status"));

        JsonPath state = state(id);
        assertTrue(created.stream().noneMatch(this::contactExists), "the contacts it created are gone");
        assertEquals(2, state.getInt("rollback.committedRows"));
        assertEquals(2, state.getInt("rollback.undoneRows"));
        assertEquals("alice", state.getString("rollback.by"));
        assertEquals(List.of("ROLLING_BACK", "ROLLED_BACK"), state.getList("events.status").subList(
                state.getList("events.status").size() - 2, state.getList("events.status").size()));
        assertTrue(state.getString("message").startsWith("Rolled back: 2 of 2"), state.getString("message"));
        assertTrue(Imports.graphql(ROLLBACK, Map.of("id", id)).getString("errors[0].message").contains(
                "is ROLLED_BACK"), "a whole rollback is the end");
        assertTrue(accountExists(account), "the account the rows referred to stays");
    }

    @Test
    void an_account_that_contacts_refer_to_is_kept_and_a_record_deleted_since_is_kept_each_saying_why() {
        String prefix = prefix("keep");
        String id = upload("createAccount", Imports.templateHeader("createAccount") + prefix + " Referred,,\r\n"
                + prefix + " Deleted,,\r\n" + prefix + " Free,,\r\n");
        assertEquals("COMPLETED", Imports.finish(worker, id).getString("status"));
        List<String> created = createdIds(id);
        // a contact now refers to the first account; someone deleted the second one by hand
        assertTrue(Imports.graphql("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("account", created.get(0), "emailAddress", prefix + "@example.org",
                        "firstName", "Ref", "lastName", "Erer", "status", "ACTIVE")))
                .getString("data.createContact.id") != null, "a contact refers to the first account");
        assertEquals(Boolean.TRUE, Imports.graphql("mutation($id: ID!) { deleteAccount(id: $id) }",
                Map.of("id", created.get(1))).getBoolean("data.deleteAccount"));

        Imports.graphql(ROLLBACK, Map.of("id", id));
        JsonPath batch = Imports.finish(worker, id);
        assertEquals("PARTIALLY_ROLLED_BACK", batch.getString("status"));
        JsonPath state = state(id);
        assertEquals(1, state.getInt("rollback.undoneRows"));
        assertEquals(2, state.getInt("rollback.keptRows"));
        assertEquals(0, state.getInt("rollback.failedRows"));
        assertTrue(accountExists(created.get(0)), "the referred account stays");
        assertTrue(!accountExists(created.get(2)), "the free one is gone");
        String results = Imports.download("/imports/" + id + "/rollback.csv");
        assertTrue(results.contains("Row 5,") || results.contains("5,KEPT"), results);
        assertTrue(results.contains("has 1 contact that refer"), "why it was kept: " + results);
        assertTrue(results.contains("no longer exists"), "why the deleted one was kept: " + results);
    }

    @Test
    void a_rollback_is_refused_saying_why_for_a_template_without_undo_a_dry_run_and_an_admin_without_the_role() {
        JsonPath templates = Imports.graphql("{ importTemplates { name undo undoRefusal } }");
        assertEquals("deleteContact", templates.getString("data.importTemplates.find { it.name == 'createContact' }.undo"));
        assertEquals("updateContact", templates.getString(
                "data.importTemplates.find { it.name == 'updateContact' }.undo"), "an update restores itself");
        assertEquals("deleteContact, updateContact", templates.getString(
                "data.importTemplates.find { it.name == 'upsertContact' }.undo"), "an upsert deletes or restores");
        assertTrue(templates.getString("data.importTemplates.find { it.name == 'createEvent' }.undoRefusal")
                .contains("declares no undo"), templates.prettify());

        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Refusals"));
        String dryRun = Imports.acceptedDryRun(Tokens.ADMIN, "createContact", "dry.csv",
                Imports.templateHeader("createContact") + account + "," + prefix("dry") + "@example.org,Dry,Run,ACTIVE,,\r\n");
        Imports.finish(worker, dryRun);
        assertTrue(state(dryRun).getString("rollbackRefusal").contains("dry run"), state(dryRun).prettify());
        assertTrue(Imports.graphql(ROLLBACK, Map.of("id", dryRun)).getString("errors[0].message").contains("dry run"));

        String id = upload("createContact", Imports.templateHeader("createContact") + account + "," + prefix("role")
                + "@example.org,No,Role,ACTIVE,,\r\n");
        Imports.finish(worker, id);
        String noWriter = Tokens.of("ivan", Tokens.ORGANISATION, "import-admin");
        String refused = Imports.graphql(noWriter, ROLLBACK, Map.of("id", id)).getString("errors[0].message");
        assertTrue(refused.contains("deleteContact") && refused.contains("contacts-writer"), refused);
        assertEquals("COMPLETED", Imports.batch(id).getString("status"), "nothing started");
        assertNull(state(id).get("rollback"), "never rolled back");
    }

    @Test
    void a_contact_changed_since_the_import_is_kept_saying_what_changed_and_force_undoes_it() {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Changed"));
        String prefix = prefix("since");
        String id = upload("createContact", Imports.templateHeader("createContact")
                + account + "," + prefix + "1@example.org,Cara,One,ACTIVE,,\r\n"
                + account + "," + prefix + "2@example.org,Cara,Two,ACTIVE,,\r\n");
        assertEquals("COMPLETED", Imports.finish(worker, id).getString("status"));
        List<String> created = createdIds(id);
        // someone renames the first contact after the import
        Imports.graphql("mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }",
                Map.of("input", Map.of("id", created.get(0), "firstName", "Carla")));

        Imports.graphql(ROLLBACK, Map.of("id", id));
        assertEquals("PARTIALLY_ROLLED_BACK", Imports.finish(worker, id).getString("status"));
        assertTrue(contactExists(created.get(0)), "the contact changed since stays");
        assertTrue(!contactExists(created.get(1)), "the other is gone");
        String results = Imports.download("/imports/" + id + "/rollback.csv");
        assertTrue(results.contains(",KEPT,CONFLICT,\"Row 5, record " + created.get(0) + ": changed after the import:"
                + " First Name is now 'Carla' (the import left 'Cara')"), results);

        assertEquals("ROLLING_BACK", Imports.graphql("mutation($id: ID!) { rollbackImport(id: $id, force: true) {"
                + " status } }", Map.of("id", id)).getString("data.rollbackImport.status"), "a partial rollback goes on");
        assertEquals("ROLLED_BACK", Imports.finish(worker, id).getString("status"));
        assertTrue(!contactExists(created.get(0)), "with force, the changed contact is undone too");
        assertEquals(2, state(id).getInt("rollback.undoneRows"));
    }

    @Test
    void the_images_of_a_large_segment_go_by_copy_and_still_find_the_one_contact_changed_since() {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Copied Images"));
        String prefix = prefix("copied");
        StringBuilder file = new StringBuilder(Imports.templateHeader("createContact"));
        for (int i = 1; i <= 120; i++) {
            file.append(account).append(',').append(prefix).append(i).append("@example.org,Cara,No").append(i)
                    .append(",ACTIVE,,\r\n");
        }
        String id = upload("createContact", file.toString());
        assertEquals("COMPLETED", Imports.finish(worker, id).getString("status"));
        List<String> created = createdIds(id);
        assertEquals(120, created.size());
        Imports.graphql("mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }",
                Map.of("input", Map.of("id", created.get(99), "lastName", "Changed")));

        Imports.graphql(ROLLBACK, Map.of("id", id));
        assertEquals("PARTIALLY_ROLLED_BACK", Imports.finish(worker, id).getString("status"));
        assertEquals(119, state(id).getInt("rollback.undoneRows"));
        assertTrue(contactExists(created.get(99)), "the contact changed since stays");
        String results = Imports.download("/imports/" + id + "/rollback.csv");
        assertTrue(results.contains("record " + created.get(99) + ": changed after the import: Last Name is now"
                + " 'Changed' (the import left 'No100')"), results);
    }

    @Test
    void an_update_is_restored_from_the_values_before_the_import_and_a_field_that_was_empty_is_cleared() {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Restored"));
        String email = prefix("restore") + "@example.org";
        String contact = Imports.graphql("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("account", account, "emailAddress", email, "firstName", "Ann", "lastName",
                        "Before", "status", "LEAD"))).getString("data.createContact.id");
        String header = Imports.templateHeader("updateContact");
        String id = upload("updateContact", header + row(header, Map.of("input/id", contact, "input/firstName", "Anna",
                "input/status", "ACTIVE", "input/phone", "+44 20 7946 0001")));
        assertEquals("COMPLETED", Imports.finish(worker, id).getString("status"));
        assertEquals("Anna", contact(contact).getString("firstName"));

        Imports.graphql(ROLLBACK, Map.of("id", id));
        assertEquals("ROLLED_BACK", Imports.finish(worker, id).getString("status"));
        JsonPath restored = contact(contact);
        assertEquals("Ann", restored.getString("firstName"), "restored");
        assertEquals("LEAD", restored.getString("status"), "restored");
        assertEquals("Before", restored.getString("lastName"), "never changed");
        assertNull(restored.getString("phone"), "empty before, cleared through updateContact's clear");
    }

    @Test
    void an_upsert_is_undone_row_by_row_as_each_did_created_contacts_deleted_and_updated_ones_restored() {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Upserted"));
        String prefix = prefix("upsert");
        String byId = Imports.graphql("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("account", account, "emailAddress", prefix + "1@example.org", "firstName", "Ida",
                        "lastName", "Byid", "status", "LEAD", "phone", "+1 555 0100"))).getString("data.createContact.id");
        String byEmail = Imports.graphql("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("account", account, "emailAddress", prefix + "2@example.org", "firstName", "Em",
                        "lastName", "Byemail", "status", "LEAD"))).getString("data.createContact.id");
        String header = Imports.templateHeader("upsertContact");
        String id = upload("upsertContact", header
                + row(header, Map.of("input/id", byId, "input/emailAddress", prefix + "1@example.org",
                        "input/firstName", "Idina", "input/phone", "+1 555 0199"))
                + row(header, Map.of("input/emailAddress", prefix + "2@example.org", "input/lastName", "Changed"))
                + row(header, Map.of("input/emailAddress", prefix + "3@example.org", "input/firstName", "New",
                        "input/lastName", "Contact", "input/status", "ACTIVE", "input/account", account)));
        assertEquals("COMPLETED", Imports.finish(worker, id).getString("status"));
        String created = createdIds(id).get(2);

        Imports.graphql(ROLLBACK, Map.of("id", id));
        assertEquals("PARTIALLY_ROLLED_BACK", Imports.finish(worker, id).getString("status"));
        assertEquals("Ida", contact(byId).getString("firstName"), "named by its ID: restored");
        assertEquals("+1 555 0100", contact(byId).getString("phone"), "restored");
        assertTrue(!contactExists(created), "the contact the upsert created is deleted");
        assertEquals("Changed", contact(byEmail).getString("lastName"), "named by its email address: no image before");
        JsonPath state = state(id);
        assertEquals(2, state.getInt("rollback.undoneRows"));
        assertEquals(1, state.getInt("rollback.failedRows"));
        String results = Imports.download("/imports/" + id + "/rollback.csv");
        assertTrue(results.contains("values from before the import were not kept"), results);
    }

    @Test
    void a_dry_run_writes_nothing_and_finds_what_a_rollback_then_does_row_by_row() {
        String prefix = prefix("preview");
        String id = upload("createAccount", Imports.templateHeader("createAccount") + prefix + " Referred,,\r\n"
                + prefix + " Deleted,,\r\n" + prefix + " Free,,\r\n");
        assertEquals("COMPLETED", Imports.finish(worker, id).getString("status"));
        List<String> created = createdIds(id);
        Imports.graphql("mutation($input: ContactInput!) { createContact(input: $input) { id } }", Map.of("input",
                Map.of("account", created.get(0), "emailAddress", prefix + "@example.org", "firstName", "Ref",
                        "lastName", "Erer", "status", "ACTIVE")));
        Imports.graphql("mutation($id: ID!) { deleteAccount(id: $id) }", Map.of("id", created.get(1)));

        JsonPath asked = Imports.graphql("mutation($id: ID!) { rollbackImport(id: $id, dryRun: true) { status } }",
                Map.of("id", id));
        assertEquals("COMPLETED", asked.getString("data.rollbackImport.status"), "a dry run leaves the status");
        Imports.finish(worker, id);
        JsonPath preview = Imports.graphql("query($id: ID!) { importBatch(id: $id) { status rollback { by }"
                + " rollbackPreview { by running rows undoneRows keptRows failedRows } } }", Map.of("id", id))
                .setRootPath("data.importBatch");
        assertEquals("COMPLETED", preview.getString("status"));
        assertNull(preview.get("rollback"), "nothing was rolled back");
        assertEquals(false, preview.getBoolean("rollbackPreview.running"));
        assertEquals(3, preview.getInt("rollbackPreview.rows"));
        assertEquals(1, preview.getInt("rollbackPreview.undoneRows"), "the free account would be deleted");
        assertEquals(2, preview.getInt("rollbackPreview.keptRows"), "referred to, and deleted since");
        assertTrue(accountExists(created.get(0)) && accountExists(created.get(2)), "the dry run deleted nothing");
        String file = Imports.download("/imports/" + id + "/rollback-preview.csv");
        assertTrue(file.startsWith("Row,Record ID,Would be,Error Type,Why"), file);
        assertTrue(file.contains("has 1 contact that refer"), "its own undo, rolled back, said why: " + file);
        assertTrue(file.contains("no longer exists"), file);

        Imports.graphql(ROLLBACK, Map.of("id", id));
        assertEquals("PARTIALLY_ROLLED_BACK", Imports.finish(worker, id).getString("status"));
        JsonPath state = state(id);
        assertEquals(1, state.getInt("rollback.undoneRows"), "as the dry run said");
        assertEquals(2, state.getInt("rollback.keptRows"), "as the dry run said");
        assertNull(Imports.graphql("query($id: ID!) { importBatch(id: $id) { rollbackPreview { by } } }",
                Map.of("id", id)).get("data.importBatch.rollbackPreview"), "the rollback replaced the dry run");
    }

    @Test
    void added_prices_are_removed_and_the_event_and_its_other_prices_stay() {
        String token = Tokens.of("eve", Tokens.ORGANISATION, "import-admin", "events-writer");
        String code = UniqueNames.of("UND").replace(' ', '-');
        Catalogue.courseTemplate(token, code);
        String location = UniqueNames.of("Undo Hall");
        Catalogue.location(token, location);
        String title = UniqueNames.of("Undone Prices");
        String event = Catalogue.event(token, code, location, title);
        Imports.graphql(token, "mutation($input: EventPriceInput!) { addEventPrices(input: $input) { id } }",
                Map.of("input", Map.of("event", title, "currency", "EUR", "amount", 450)));
        String id = Imports.upload(token, "addEventPrices", "prices.csv", Imports.csv("event,currency,amount",
                title + ",GBP,390", title + ",USD,420").getBytes(StandardCharsets.UTF_8)).then().statusCode(202)
                .extract().path("id");
        assertEquals("COMPLETED", Imports.finish(worker, id).getString("status"));
        assertEquals(List.of("EUR", "GBP", "USD"), prices(token, event));

        assertEquals("ROLLING_BACK", Imports.graphql(token, ROLLBACK, Map.of("id", id))
                .getString("data.rollbackImport.status"));
        assertEquals("ROLLED_BACK", Imports.finish(worker, id).getString("status"));
        assertEquals(List.of("EUR"), prices(token, event), "the prices it added are removed, the event and EUR stay");
    }

    private static List<Object> prices(String token, String event) {
        return Imports.graphql(token, "query($id: ID!) { event(id: $id) { prices { currency } } }", Map.of("id", event))
                .getList("data.event.prices.currency");
    }

    private static JsonPath contact(String id) {
        return Imports.graphql("query($id: ID!) { contact(id: $id) { firstName lastName phone status } }",
                Map.of("id", id)).setRootPath("data.contact");
    }

    /** A data row for a template's header rows: each column's cell from its reference, empty when not given. */
    private static String row(String header, Map<String, String> cells) {
        List<String> references = List.of(header.split("\r?\n")[1].split(",", -1));
        return String.join(",", references.stream().map(reference -> cells.getOrDefault(reference, "")).toList())
                + "\r\n";
    }

    private String upload(String template, String csv) {
        return Imports.upload(Tokens.ADMIN, template, "rollback.csv", csv.getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(202).extract().path("id");
    }

    private static JsonPath state(String id) {
        return Imports.graphql(STATE, Map.of("id", id)).setRootPath("data.importBatch");
    }

    private static List<String> createdIds(String id) {
        return Imports.as(Tokens.ADMIN).get("/imports/" + id + "/results.ndjson").then().statusCode(200).extract()
                .asString().lines().map(JsonPath::from).filter(line -> "SUCCESS".equals(line.getString("outcome")))
                .map(line -> line.getString("entityId")).toList();
    }

    private boolean contactExists(String id) {
        return Imports.graphql("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", id))
                .get("data.contact") != null;
    }

    private static boolean accountExists(String id) {
        return Imports.graphql("query($id: ID!) { account(id: $id) { id } }", Map.of("id", id))
                .get("data.account") != null;
    }

    private static String prefix(String what) {
        return UniqueNames.of(what).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
