package dev.intake.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.SingleHistoryDatabaseResource;
import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A user's data directory that the release with one migration history migrated and imported into, opened by this
 * release of the sample application: the engine moves its tables into the schema intake, the sample's Flyway counts
 * the domain as migrated, and everything is there and goes on working. The batches read as before, their files
 * download as uploaded, the dry run left ready starts, the saved mapping maps the next file, and new files import.
 */
@QuarkusTest
@WithTestResource(SingleHistoryDatabaseResource.class)
class SingleHistoryDataDirTest {

    /** Batches of the earlier release's run (legacy/single-history/README.md). */
    private static final String CONTACTS = "eabfbb63-bd7a-4242-87f5-197920e360bf";
    private static final String DRY_RUN = "8ae49b91-1b32-49a9-85a0-cf2ab6670907";
    private static final List<String> EARLIER = List.of("40d1745f-07e4-4ca7-abcb-cfbb1d2be1dc", CONTACTS, DRY_RUN,
            "cbe6a7e6-e864-4175-bb12-9e74521a4206", "41876755-6667-46d1-8f06-1d7c87de9a83");

    private static final String ADA = Tokens.of("ada", "acme", "import-admin", "accounts-writer", "contacts-writer",
            "events-writer");

    @Inject
    ImportWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void the_batches_of_the_earlier_release_read_as_before_with_their_files_and_failures() {
        JsonPath batches = Imports.graphql(ADA, "{ importBatches(first: 50) { edges { node { id template status "
                + "totalRows successCount errorCount templateAvailable } } } }", Map.of());
        List<Map<String, Object>> nodes = batches.getList("data.importBatches.edges.node");
        assertTrue(nodes.stream().map(node -> node.get("id")).toList().containsAll(EARLIER), nodes.toString());
        Map<String, Object> contacts = nodes.stream().filter(node -> node.get("id").equals(CONTACTS)).findFirst()
                .orElseThrow();
        assertEquals(List.of("createContact", "PARTIAL_SUCCESS", 4, 2, 2, true), List.of(contacts.get("template"),
                contacts.get("status"), contacts.get("totalRows"), contacts.get("successCount"), contacts.get("errorCount"),
                contacts.get("templateAvailable")));
        String id = CONTACTS;

        List<String> failures = Imports.graphql(ADA, "query($id: ID!) { importBatch(id: $id) { failures { edges { node "
                + "{ rowNumber errorType } } } } }", Map.of("id", id)).getList("data.importBatch.failures.edges.node.errorType");
        assertEquals(List.of("VALIDATION", "LOOKUP"), failures);
        byte[] original = Imports.as(ADA).get("/imports/" + id + "/original").then().statusCode(200).extract().asByteArray();
        assertTrue(new String(original, StandardCharsets.UTF_8).contains("grace-at-example.com"));
        assertTrue(Imports.as(ADA).get("/imports/" + id + "/exceptions.csv").then().statusCode(200).extract().asString()
                .contains(",6,VALIDATION,"));
        List<String> events = Imports.graphql(ADA, "query($id: ID!) { importBatch(id: $id) { events { status } } }",
                Map.of("id", id)).getList("data.importBatch.events.status");
        assertEquals(List.of("PENDING", "VALIDATING", "PROCESSING", "PARTIAL_SUCCESS"), events);
    }

    @Test
    void the_dry_run_left_ready_starts_and_the_saved_mapping_maps_the_next_file() {
        assertEquals("READY", Imports.batch(ADA, DRY_RUN).getString("status"));
        Imports.graphql(ADA, "mutation($id: ID!) { startImport(id: $id) { status } }", Map.of("id", DRY_RUN));
        JsonPath started = Imports.finish(worker, ADA, DRY_RUN);
        assertEquals("COMPLETED", started.getString("status"), started.prettify());
        assertEquals(1, started.getInt("successCount"));
        assertTrue(Imports.graphql(ADA, "{ contacts { emailAddress } }", Map.of()).getList("data.contacts.emailAddress")
                .contains("milton@initech.com"), "the dry run's contact, created when it was started");

        String crm = "Company,E-mail,First name,Surname,Status,Region\r\nInitech,joanna@initech.com,Joanna,Smith,LEAD,West\r\n";
        String id = Imports.upload(ADA, "createContact", "crm-again.csv", crm.getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(202).extract().path("id");
        JsonPath mapped = Imports.finish(worker, ADA, id);
        assertEquals("COMPLETED", mapped.getString("status"), "the mapping saved by the earlier release: "
                + mapped.prettify());
        List<Map<String, Object>> regions = Imports.graphql(ADA, "{ contacts { emailAddress customFields { name value } } }",
                Map.of()).getList("data.contacts.find { it.emailAddress == 'joanna@initech.com' }.customFields");
        assertEquals(List.of(Map.of("name", "Region", "value", "West")), regions);
    }

    @Test
    void the_domain_is_as_the_earlier_release_left_it_and_counted_as_migrated() throws SQLException {
        List<String> emails = Imports.graphql(ADA, "{ contacts { emailAddress } }", Map.of())
                .getList("data.contacts.emailAddress");
        assertTrue(emails.containsAll(List.of("ada@example.com", "peter@initech.com", "bill@initech.com")), emails.toString());
        assertEquals("1 << Flyway Baseline >>", text("select version || ' ' || description from "
                + "public.training_schema_history where version = '1'"));
        assertEquals("1 engine tables", text("select version || ' ' || description from intake.flyway_schema_history "
                + "where version = '1'"));
        String account = Imports.accepted("createAccount", "accounts.csv", "name\r\nHooli\r\n");
        assertEquals("COMPLETED", Imports.finish(worker, account).getString("status"), "a new import, on the moved tables");
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next(), sql);
            return row.getString(1);
        }
    }
}
