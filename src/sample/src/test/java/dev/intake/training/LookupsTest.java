package dev.intake.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.QueryStatistics;
import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Lookup columns match by the declared field, then by ID; none or several matches fail the row. */
@QuarkusTest
class LookupsTest {

    private static final String TOKEN = Tokens.of("lou", "lookups", "import-admin", "events-writer", "accounts-writer");

    private static final String CONTACTS = Tokens.of("lou", "lookups", "import-admin", "contacts-writer");

    @Inject
    ImportWorker worker;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void a_lookup_matches_by_field_then_by_id_and_fails_when_missing_or_ambiguous() {
        String code = UniqueNames.of("LK").replace(' ', '-');
        String courseTemplateId = Catalogue.courseTemplate(TOKEN, code);
        String hall = UniqueNames.of("Lookup Hall");
        Catalogue.location(TOKEN, hall);
        String twin = UniqueNames.of("Twin Room");
        Catalogue.location(TOKEN, twin);
        Catalogue.location(TOKEN, twin);

        String id = importFile("createEvent", Imports.csv(
                "capacity,courseTemplate,end,location,start,status,timeZone,title",
                row(code, hall, "By code"),
                row(courseTemplateId, hall, "By ID"),
                row("NOPE-" + code, hall, "Missing"),
                row(code, twin, "Ambiguous")));

        assertEquals("PARTIAL_SUCCESS", Imports.batch(TOKEN, id).getString("status"));
        JsonPath failures = failures(id);
        assertEquals(List.of(4, 5), failures.getList("data.importBatch.failures.edges.node.rowNumber"));
        assertEquals(List.of("LOOKUP", "LOOKUP"), failures.getList("data.importBatch.failures.edges.node.errorType"));
        assertEquals(List.of(
                "Row 4, column Course Template (input/courseTemplate): No course template has the code 'NOPE-" + code
                        + "' or that ID",
                "Row 5, column Location (input/location): 2 locations have the name '" + twin + "'; give the ID of the "
                        + "one you mean"), failures.getList("data.importBatch.failures.edges.node.message"));
    }

    @Test
    void a_row_may_look_up_a_record_an_earlier_row_of_the_same_file_created() {
        String parent = UniqueNames.of("Head Office");
        String child = UniqueNames.of("Branch");
        String id = importFile("createAccount", Imports.csv("name,parent", parent + ",", child + "," + parent));

        assertEquals("COMPLETED", Imports.batch(TOKEN, id).getString("status"));
        List<Map<String, String>> accounts = Imports.graphql(TOKEN, "{ accounts { name parent } }", Map.of())
                .getList("data.accounts");
        assertEquals(parent, accounts.stream().filter(a -> child.equals(a.get("name"))).findFirst().orElseThrow()
                .get("parent"));
    }

    @Test
    void a_lookup_before_the_row_that_creates_its_record_succeeds_on_the_second_pass() {
        String parent = UniqueNames.of("Later Parent");
        String child = UniqueNames.of("Early Child");
        String id = importFile("createAccount", Imports.csv("name,parent", child + "," + parent, parent + ","));

        assertEquals("COMPLETED", Imports.batch(TOKEN, id).getString("status"));
        List<Map<String, String>> accounts = Imports.graphql(TOKEN, "{ accounts { name parent } }", Map.of())
                .getList("data.accounts");
        assertEquals(parent, accounts.stream().filter(a -> child.equals(a.get("name"))).findFirst().orElseThrow()
                .get("parent"));
    }

    @Test
    void a_lookup_of_another_entity_gets_no_second_pass() {
        String account = UniqueNames.of("Created Too Late");
        String id = importContacts(Imports.csv("account,emailAddress,firstName,lastName,status",
                account + "," + UniqueNames.email("late") + ",La,Te,ACTIVE"));
        assertEquals("FAILED", Imports.batch(CONTACTS, id).getString("status"));
        assertTrue(Imports.graphql(CONTACTS, "query($id: ID!) { importBatch(id: $id) { events { detail } } }",
                Map.of("id", id)).getList("data.importBatch.events.detail").stream()
                .noneMatch(detail -> String.valueOf(detail).startsWith("Second pass")));
    }

    /**
     * The chunk resolves its lookup values in one statement before its rows run (plain SQL, so outside Hibernate's
     * query statistics); a row that had to look its account up itself would show here as a JPQL lookup query.
     */
    @Test
    void rows_of_a_chunk_naming_the_same_record_run_no_lookup_query_of_their_own() {
        String account = UniqueNames.of("Popular");
        dev.intake.support.Catalogue.account(TOKEN, account);
        String[] lines = new String[301];
        lines[0] = "account,emailAddress,firstName,lastName,status";
        for (int i = 1; i <= 300; i++) {
            lines[i] = account + "," + UniqueNames.email("p") + ",P,Q,ACTIVE";
        }
        QueryStatistics oneByOne = sessionFactory.getStatistics().getQueryStatistics(
                "select e.id from Account e where e.name = :value and e.organisation = :organisation");
        long before = oneByOne.getExecutionCount();

        String id = importContacts(String.join("\r\n", lines) + "\r\n");

        assertEquals("COMPLETED", Imports.batch(CONTACTS, id).getString("status"));
        assertEquals(0, oneByOne.getExecutionCount() - before, "300 rows in one chunk, resolved before they ran");
    }

    /** A value the chunk's prefetch found no record for fails its rows without a query per row. */
    @Test
    void rows_naming_no_record_fail_without_a_lookup_query_of_their_own() {
        String account = UniqueNames.of("Real");
        dev.intake.support.Catalogue.account(TOKEN, account);
        String missing = UniqueNames.of("Missing");
        QueryStatistics oneByOne = sessionFactory.getStatistics().getQueryStatistics(
                "select e.id from Account e where e.name = :value and e.organisation = :organisation");
        long before = oneByOne.getExecutionCount();

        String id = importContacts(String.join("\r\n", "account,emailAddress,firstName,lastName,status",
                account + "," + UniqueNames.email("m") + ",M,N,ACTIVE",
                missing + "," + UniqueNames.email("m") + ",M,N,ACTIVE",
                missing + "," + UniqueNames.email("m") + ",M,N,ACTIVE") + "\r\n");

        assertEquals("PARTIAL_SUCCESS", Imports.batch(CONTACTS, id).getString("status"));
        JsonPath failures = Imports.graphql(CONTACTS, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber errorType message } } } } }
                """, Map.of("id", id));
        assertEquals(List.of(3, 4), failures.getList("data.importBatch.failures.edges.node.rowNumber"));
        assertEquals("Row 3, column Account (input/account): No account has the name '" + missing + "' or that ID",
                failures.getString("data.importBatch.failures.edges[0].node.message"));
        assertEquals(0, oneByOne.getExecutionCount() - before);
    }

    private String importContacts(String csv) {
        String id = Imports.upload(CONTACTS, "createContact", "popular.csv", csv.getBytes()).then().statusCode(202)
                .extract().path("id");
        Imports.finish(worker, CONTACTS, id);
        return id;
    }

    private static String row(String courseTemplate, String location, String title) {
        return "10," + courseTemplate + ",2026-05-01T17:00:00+02:00," + location + ",2026-05-01T09:00:00+02:00,DRAFT,"
                + "Europe/Berlin," + title;
    }

    private String importFile(String template, String csv) {
        String id = Imports.upload(TOKEN, template, template + ".csv", csv.getBytes()).then().statusCode(202)
                .extract().path("id");
        Imports.finish(worker, TOKEN, id);
        return id;
    }

    private static JsonPath failures(String id) {
        return Imports.graphql(TOKEN, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber errorType message } } } } }
                """, Map.of("id", id));
    }
}
