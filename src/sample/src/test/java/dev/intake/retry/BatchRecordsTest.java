package dev.intake.retry;

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

/** The records a batch touched, by GraphQL and as a file, for a host's own list of the records of an import. */
@QuarkusTest
class BatchRecordsTest {

    private static final String TOKEN = Tokens.of("rory", "records", "import-admin", "contacts-writer",
            "accounts-writer");

    private static final String RECORDS = """
            query($id: ID!, $outcome: RowAction, $first: Int!, $after: String) { importBatch(id: $id) {
              records(outcome: $outcome, first: $first, after: $after) {
                edges { node { rowNumber entityId outcome } } pageInfo { hasNextPage endCursor } } } }
            """;

    @Inject
    ImportWorker worker;

    @Test
    void the_records_a_batch_created_and_updated_come_with_their_rows_by_graphql_and_as_a_file() {
        String account = UniqueNames.of("Records Co");
        Catalogue.account(TOKEN, account);
        String[] emails = { UniqueNames.email("rec1"), UniqueNames.email("rec2"), UniqueNames.email("rec3") };
        String created = importFile("createContact", Imports.csv("account,emailAddress,firstName,lastName,status",
                account + "," + emails[0] + ",Ada,One,ACTIVE",
                account + ",broken,Ben,Two,ACTIVE",
                account + "," + emails[1] + ",Cal,Three,ACTIVE"));

        JsonPath page = records(created, null, 1, null);
        assertEquals(List.of(2), page.getList("edges.node.rowNumber"));
        assertEquals(List.of("CREATED"), page.getList("edges.node.outcome"));
        assertTrue(page.getBoolean("pageInfo.hasNextPage"));
        JsonPath rest = records(created, null, 10, page.getString("pageInfo.endCursor"));
        assertEquals(List.of(4), rest.getList("edges.node.rowNumber"), "the failed row 3 wrote no record");
        String firstId = page.getString("edges[0].node.entityId");
        assertEquals(firstId, contactId(emails[0]));
        assertEquals(rest.getString("edges[0].node.entityId"), contactId(emails[1]));

        String upserted = importFile("upsertContact", Imports.csv("emailAddress,firstName,lastName,status,account",
                emails[2] + ",Dee,New,LEAD," + account,
                emails[0] + ",Ada,Changed,ACTIVE," + account));
        JsonPath updated = records(upserted, "UPDATED", 10, null);
        assertEquals(List.of(3), updated.getList("edges.node.rowNumber"));
        assertEquals(List.of(firstId), updated.getList("edges.node.entityId"), "the record it updated");
        assertEquals(List.of(2), records(upserted, "CREATED", 10, null).getList("edges.node.rowNumber"));

        String file = Imports.as(TOKEN).get("/imports/" + upserted + "/records.csv").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("records.csv")).extract()
                .asString();
        assertEquals("Row Number,Entity ID,Outcome\r\n2," + contactId(emails[2]) + ",CREATED\r\n3," + firstId
                + ",UPDATED\r\n", file);
        assertEquals("Row Number,Entity ID,Outcome\r\n3," + firstId + ",UPDATED\r\n", Imports.as(TOKEN)
                .get("/imports/" + upserted + "/records.csv?outcome=updated").then().statusCode(200).extract()
                .asString());
        Imports.as(TOKEN).get("/imports/" + upserted + "/records.csv?outcome=DELETED").then().statusCode(400);
    }

    @Test
    void records_a_rollback_undid_are_left_out() {
        String name = UniqueNames.of("Undone Account");
        String id = importFile("createAccount", Imports.csv("name", name));
        assertEquals(1, records(id, null, 10, null).getList("edges").size());
        Imports.graphql(TOKEN, "mutation($id: ID!) { rollbackImport(id: $id) { status } }", Map.of("id", id));
        assertEquals("ROLLED_BACK", Imports.finish(worker, TOKEN, id).getString("status"));
        assertEquals(List.of(), records(id, null, 10, null).getList("edges"));
    }

    private String importFile(String template, String csv) {
        String id = Imports.upload(TOKEN, template, template + ".csv", csv.getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(202).extract().path("id");
        Imports.finish(worker, TOKEN, id);
        return id;
    }

    private static JsonPath records(String id, String outcome, int first, String after) {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("id", id, "first", first));
        variables.put("outcome", outcome);
        variables.put("after", after);
        JsonPath answer = Imports.graphql(TOKEN, RECORDS, variables);
        return new JsonPath(answer.prettify()).setRootPath("data.importBatch.records");
    }

    private static String contactId(String email) {
        List<Map<String, Object>> contacts = Imports.graphql(TOKEN, "{ contacts(limit: 1000) { id emailAddress } }", Map.of())
                .getList("data.contacts");
        return contacts.stream().filter(contact -> email.equals(contact.get("emailAddress"))).findFirst().orElseThrow()
                .get("id").toString();
    }
}
