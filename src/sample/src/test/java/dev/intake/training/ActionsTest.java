package dev.intake.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.intake.id.GlobalId;
import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Create, update, upsert and add actions, each a template of its mutation. */
@QuarkusTest
class ActionsTest {

    private static final String TOKEN = Tokens.of("ann", "actions", "import-admin", "events-writer", "accounts-writer",
            "contacts-writer");

    @Inject
    ImportWorker worker;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void an_upsert_creates_the_record_then_updates_it() {
        String account = UniqueNames.of("Upsert Co");
        Catalogue.account(TOKEN, account);
        String email = UniqueNames.email("ursula");

        JsonPath first = importFile("upsertContact", Imports.csv("emailAddress,firstName,lastName,status,account",
                email + ",Ursula,Upsert,LEAD," + account));
        assertEquals("COMPLETED", first.getString("status"));
        assertEquals(1, first.getInt("createdCount"));
        assertEquals(0, first.getInt("updatedCount"));

        JsonPath second = importFile("upsertContact", Imports.csv("emailAddress,status,phone", email + ",ACTIVE,555 1234"));
        assertEquals("COMPLETED", second.getString("status"), second.prettify());
        assertEquals(0, second.getInt("createdCount"));
        assertEquals(1, second.getInt("updatedCount"));

        Map<String, Object> contact = contact(email);
        assertEquals("Ursula", contact.get("firstName"), "a blank or missing cell keeps the value");
        assertEquals("ACTIVE", contact.get("status"));
        assertEquals("555 1234", contact.get("phone"));
    }

    /**
     * A nightly re-import of a list that has not changed writes nothing: the rows still run their mutation, and the
     * ORM finds nothing changed in the contacts it loaded, so it sends no update; a changed row gets its update.
     */
    @Test
    void re_importing_unchanged_rows_sends_no_update_to_the_database() {
        String account = UniqueNames.of("Nightly Co");
        Catalogue.account(TOKEN, account);
        String header = "emailAddress,firstName,lastName,status,account,phone";
        String[] rows = new String[3];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = UniqueNames.email("night") + ",Nia,Night" + i + ",ACTIVE," + account + ",555 000" + i;
        }
        String list = lines(header, rows);
        assertEquals(3, importFile("upsertContact", list).getInt("createdCount"));
        Statistics statistics = sessionFactory.getStatistics();

        long before = statistics.getEntityUpdateCount();
        JsonPath again = importFile("upsertContact", list);
        assertEquals("COMPLETED", again.getString("status"));
        assertEquals(3, again.getInt("updatedCount"));
        assertEquals(0, statistics.getEntityUpdateCount() - before, "the same values: no contact changed");

        before = statistics.getEntityUpdateCount();
        rows[1] = rows[1].replace(",ACTIVE,", ",INACTIVE,");
        assertEquals("COMPLETED", importFile("upsertContact", lines(header, rows)).getString("status"));
        assertEquals(1, statistics.getEntityUpdateCount() - before, "one row changed one contact");
    }

    @Test
    void upserts_in_one_chunk_find_the_contacts_the_chunk_loaded_and_created_in_any_case() {
        String account = UniqueNames.of("Chunk Co");
        Catalogue.account(TOKEN, account);
        String existing = UniqueNames.email("existing");
        assertEquals("COMPLETED", importFile("upsertContact", Imports.csv("emailAddress,firstName,lastName,status,account",
                existing + ",Ezra,Existing,LEAD," + account)).getString("status"));
        String fresh = UniqueNames.email("fresh");

        JsonPath batch = importFile("upsertContact", Imports.csv("emailAddress,firstName,lastName,status,account,phone",
                fresh + ",Fay,Fresh,LEAD," + account + ",",
                fresh.toUpperCase(java.util.Locale.ROOT) + ",,,ACTIVE,,555 0101",
                existing.toUpperCase(java.util.Locale.ROOT) + ",,,ACTIVE,,555 0202",
                existing + ",,Again,,,"));
        assertEquals("COMPLETED", batch.getString("status"), batch.prettify());
        assertEquals(1, batch.getInt("createdCount"), "the second row updates the contact the first created");
        assertEquals(3, batch.getInt("updatedCount"));
        assertEquals(Map.of("firstName", "Fay", "status", "ACTIVE", "phone", "555 0101", "emailAddress",
                fresh.toUpperCase(java.util.Locale.ROOT)), contact(fresh.toUpperCase(java.util.Locale.ROOT)));
        Map<String, Object> ezra = contact(existing);
        assertEquals("ACTIVE", ezra.get("status"));
        assertEquals("555 0202", ezra.get("phone"));
    }

    @Test
    void updates_in_one_chunk_that_name_one_contact_each_see_the_rows_before_them_and_not_a_failed_one() {
        String account = UniqueNames.of("Same Co");
        Catalogue.account(TOKEN, account);
        String ada = UniqueNames.email("ada");
        String bea = UniqueNames.email("bea");
        JsonPath created = importFile("createContact", Imports.csv("emailAddress,firstName,lastName,status,account",
                ada + ",Ada,Before,LEAD," + account, bea + ",Bea,Other,LEAD," + account));
        assertEquals("COMPLETED", created.getString("status"), created.prettify());
        String id = (String) Imports.graphql(TOKEN, "{ contacts(limit: 1000) { id emailAddress } }", Map.of())
                .getList("data.contacts", Map.class).stream().filter(c -> ada.equals(c.get("emailAddress")))
                .findFirst().orElseThrow().get("id");

        JsonPath batch = importFile("updateContact", Imports.csv("id,firstName,lastName,emailAddress",
                id + ",One,,", id + ",,,"  + bea, id + ",,Three,"));

        assertEquals("PARTIAL_SUCCESS", batch.getString("status"), batch.prettify());
        assertEquals(2, batch.getInt("updatedCount"));
        assertEquals("CONFLICT", failure(batch.getString("id"), "errorType"), "the second row takes Bea's address");
        Map<String, Object> contact = Imports.graphql(TOKEN, "query($id: ID!) { contact(id: $id) { firstName lastName "
                + "emailAddress } }", Map.of("id", id)).getMap("data.contact");
        assertEquals(Map.of("firstName", "One", "lastName", "Three", "emailAddress", ada), contact);
    }

    @Test
    void an_upsert_that_would_create_needs_what_creating_needs() {
        JsonPath batch = importFile("upsertContact", Imports.csv("emailAddress,firstName", UniqueNames.email("nu") + ",Nu"));
        assertEquals("FAILED", batch.getString("status"));
        assertEquals("Row 2, column Last Name (input/lastName): a value is required to create a contact (no contact has "
                + "this email address yet)", failure(batch.getString("id"), "message"));
    }

    @Test
    void updating_or_upserting_by_an_id_that_does_not_exist_fails_with_not_found() {
        String missing = GlobalId.encode("Contact", 999_999_999);
        JsonPath update = importFile("updateContact", Imports.csv("id,firstName", missing + ",Ghost"));
        assertEquals("NOT_FOUND", failure(update.getString("id"), "errorType"));
        JsonPath upsert = importFile("upsertContact", Imports.csv("id,emailAddress", missing + "," + UniqueNames.email("g")));
        assertEquals("NOT_FOUND", failure(upsert.getString("id"), "errorType"));
        String event = GlobalId.encode("Event", 999_999_999);
        JsonPath updateEvent = importFile("updateEvent", Imports.csv("id,title", event + ",Ghost"));
        assertEquals("Row 2, column ID (input/id): No event has the ID '" + event + "'", failure(updateEvent.getString("id"),
                "message"));
    }

    @Test
    void an_update_with_blank_optional_cells_changes_only_what_is_given() {
        String token = TOKEN;
        String code = UniqueNames.of("UPD").replace(' ', '-');
        Catalogue.courseTemplate(token, code);
        String location = UniqueNames.of("Update Hall");
        Catalogue.location(token, location);
        String eventId = Catalogue.event(token, code, location, "Before");

        JsonPath batch = importFile("updateEvent", Imports.csv("id,title,capacity,price", eventId + ",After,,199.50"));

        assertEquals("COMPLETED", batch.getString("status"));
        assertEquals(1, batch.getInt("updatedCount"));
        Map<String, Object> event = Imports.graphql(token, "query($id: ID!) { event(id: $id) { title capacity price } }",
                Map.of("id", eventId)).getMap("data.event");
        assertEquals("After", event.get("title"));
        assertEquals(12, event.get("capacity"), "blank capacity is left as it was");
        assertEquals(199.5f, ((Number) event.get("price")).floatValue());
    }

    @Test
    void add_event_prices_is_the_add_prices_action_of_event_and_looks_up_event_and_currency() {
        JsonPath template = Imports.graphql(TOKEN, "{ importTemplate(name: \"addEventPrices\") { entity action } }",
                Map.of());
        assertEquals("Event", template.getString("data.importTemplate.entity"));
        assertEquals("addPrices", template.getString("data.importTemplate.action"));

        String code = UniqueNames.of("PRC").replace(' ', '-');
        Catalogue.courseTemplate(TOKEN, code);
        String location = UniqueNames.of("Price Hall");
        Catalogue.location(TOKEN, location);
        String title = UniqueNames.of("Priced Event");
        String eventId = Catalogue.event(TOKEN, code, location, title);

        JsonPath batch = importFile("addEventPrices", Imports.csv("event,currency,amount", title + ",EUR,450.00",
                title + ",GBP,390", title + ",XYZ,1", title + ",EUR,460"));

        assertEquals("PARTIAL_SUCCESS", batch.getString("status"));
        assertEquals(2, batch.getInt("createdCount"));
        List<Map<String, Object>> prices = Imports.graphql(TOKEN,
                "query($id: ID!) { event(id: $id) { prices { currency amount } } }", Map.of("id", eventId))
                .getList("data.event.prices");
        assertEquals(List.of("EUR", "GBP"), prices.stream().map(price -> price.get("currency")).toList());
        JsonPath failures = Imports.graphql(TOKEN, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { errorType message } } } } }
                """, Map.of("id", batch.getString("id")));
        assertEquals(List.of("LOOKUP", "CONFLICT"), failures.getList("data.importBatch.failures.edges.node.errorType"));
    }

    private static String lines(String header, String[] rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = header;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        return Imports.csv(lines);
    }

    private JsonPath importFile(String template, String csv) {
        String id = Imports.upload(TOKEN, template, template + ".csv", csv.getBytes()).then().statusCode(202)
                .extract().path("id");
        return Imports.finish(worker, TOKEN, id);
    }

    private static String failure(String id, String field) {
        return Imports.graphql(TOKEN, "query($id: ID!) { importBatch(id: $id) { failures { edges { node { " + field
                + " } } } } }", Map.of("id", id)).getString("data.importBatch.failures.edges[0].node." + field);
    }

    private static Map<String, Object> contact(String email) {
        List<Map<String, Object>> contacts = Imports.graphql(TOKEN, "{ contacts(limit: 1000) { firstName status phone emailAddress } }",
                Map.of()).getList("data.contacts");
        return contacts.stream().filter(c -> email.equals(c.get("emailAddress"))).findFirst().orElseThrow();
    }
}
