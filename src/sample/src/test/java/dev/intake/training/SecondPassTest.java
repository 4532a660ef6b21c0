package dev.intake.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * A file's second pass: a row whose lookup names a record of the template's own entity that a later row creates
 * fails at first, and runs again once the rest of the file is done.
 */
@QuarkusTest
class SecondPassTest {

    private static final String TOKEN = Tokens.of("sam", "second-pass", "import-admin", "contacts-writer",
            "accounts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_row_whose_manager_is_created_ten_thousand_rows_later_succeeds_on_the_second_pass() {
        String account = UniqueNames.of("Managed Co");
        Catalogue.account(TOKEN, account);
        String boss = UniqueNames.email("boss");
        String nobody = UniqueNames.email("nobody");
        StringBuilder csv = new StringBuilder("account,emailAddress,firstName,lastName,status,manager\r\n");
        csv.append(account).append(',').append(UniqueNames.email("early")).append(",Early,Report,ACTIVE,")
                .append(boss).append("\r\n");
        csv.append(account).append(',').append(UniqueNames.email("orphan")).append(",Orphan,Report,ACTIVE,")
                .append(nobody).append("\r\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(account).append(",filler").append(i).append('.').append(UniqueNames.email("f"))
                    .append(",Fill,Er,ACTIVE,\r\n");
        }
        csv.append(account).append(',').append(boss).append(",Big,Boss,ACTIVE,\r\n");

        String id = Imports.upload(TOKEN, "createContact", "managers.csv", csv.toString()
                .getBytes(StandardCharsets.UTF_8)).then().statusCode(202).extract().path("id");
        JsonPath batch = Imports.finish(worker, TOKEN, id);

        assertEquals("PARTIAL_SUCCESS", batch.getString("status"));
        assertEquals(10_002, batch.getInt("successCount"), "the early row, on its second pass");
        assertEquals(1, batch.getInt("errorCount"), "a manager no row creates still fails");
        JsonPath details = Imports.graphql(TOKEN, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber errorType message } } }
                  events { detail } } }
                """, Map.of("id", id));
        assertEquals(List.of(3), details.getList("data.importBatch.failures.edges.node.rowNumber"));
        assertEquals("Row 3, column Manager (input/manager): No contact has the emailAddress '" + nobody
                + "' or that ID", details.getString("data.importBatch.failures.edges[0].node.message"));
        assertTrue(details.getList("data.importBatch.events.detail").contains(
                "Second pass: 2 rows that named records of the file's later rows run again"),
                details.getList("data.importBatch.events.detail").toString());
        String early = Imports.graphql(TOKEN, """
                query($id: ID!) { importBatch(id: $id) { records(first: 1) { edges { node { rowNumber entityId } } } } }
                """, Map.of("id", id)).getString("data.importBatch.records.edges[0].node.entityId");
        Map<String, Object> contact = Imports.graphql(TOKEN, """
                query($ids: [String!]!) { contactsById(ids: $ids) { firstName manager { emailAddress } } }
                """, Map.of("ids", List.of(early))).getMap("data.contactsById[0]");
        assertEquals("Early", contact.get("firstName"));
        assertEquals(Map.of("emailAddress", boss), contact.get("manager"));
        assertEquals(1, Imports.graphql(TOKEN, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber } } } } }
                """, Map.of("id", id)).getList("data.importBatch.failures.edges").size(), "each row has one outcome");
    }

    @Test
    void a_dry_run_has_no_second_pass_since_it_creates_nothing() {
        String account = UniqueNames.of("Dry Managed");
        Catalogue.account(TOKEN, account);
        String boss = UniqueNames.email("dryboss");
        String id = Imports.acceptedDryRun(TOKEN, "createContact", "dry-managers.csv", Imports.csv(
                "account,emailAddress,firstName,lastName,status,manager",
                account + "," + UniqueNames.email("dryreport") + ",Dry,Report,ACTIVE," + boss,
                account + "," + boss + ",Dry,Boss,ACTIVE,"));
        JsonPath batch = Imports.finish(worker, TOKEN, id);
        assertEquals("VALIDATION_FAILED", batch.getString("status"));
        assertEquals(1, batch.getInt("errorCount"));
    }
}
