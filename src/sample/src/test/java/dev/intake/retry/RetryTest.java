package dev.intake.retry;

import static org.hamcrest.Matchers.containsString;
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

/**
 * Retrying failed rows: a child batch of the parent's staged rows once their cause is fixed, and a corrected
 * exceptions file linked to its batch by its content; the parent counts what its children imported.
 */
@QuarkusTest
class RetryTest {

    private static final String TOKEN = Tokens.of("rita", "retries", "import-admin", "contacts-writer",
            "accounts-writer");

    private static final String FAMILY = """
            query($id: ID!) { importBatch(id: $id) { id status source parentId resolvedCount successCount errorCount
              totalRows parent { id } children { id source status successCount } } }
            """;

    @Inject
    ImportWorker worker;

    @Test
    void retrying_the_lookup_failures_after_importing_the_missing_accounts_imports_exactly_those_rows() {
        String known = UniqueNames.of("Known Ltd");
        String missing = UniqueNames.of("Later Ltd");
        Catalogue.account(TOKEN, known);
        String header = "account,emailAddress,firstName,lastName,status";
        String[] emails = { UniqueNames.email("r1"), UniqueNames.email("r2"), UniqueNames.email("r3"),
                UniqueNames.email("r4") };
        String parent = importFile(Imports.csv(header,
                known + "," + emails[0] + ",Ann,One,ACTIVE",
                missing + "," + emails[1] + ",Bob,Two,ACTIVE",
                known + ",not-an-email,Cy,Three,ACTIVE",
                missing + "," + emails[3] + ",Di,Four,ACTIVE"));
        JsonPath before = family(parent);
        assertEquals("PARTIAL_SUCCESS", before.getString("status"));
        assertEquals(3, before.getInt("errorCount"));
        assertEquals(0, before.getInt("resolvedCount"));

        Catalogue.account(TOKEN, missing);
        JsonPath retried = Imports.graphql(TOKEN, """
                mutation($id: ID!) { retryFailedRows(id: $id, errorTypes: [LOOKUP]) { id source parentId totalRows } }
                """, Map.of("id", parent));
        String child = retried.getString("data.retryFailedRows.id");
        assertEquals("RETRY", retried.getString("data.retryFailedRows.source"));
        assertEquals(parent, retried.getString("data.retryFailedRows.parentId"));
        assertEquals(2, retried.getInt("data.retryFailedRows.totalRows"), "only the two LOOKUP rows");
        Imports.finish(worker, TOKEN, child);

        JsonPath done = family(child);
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(2, done.getInt("successCount"));
        assertEquals(parent, done.getString("parent.id"));
        JsonPath after = family(parent);
        assertEquals(2, after.getInt("resolvedCount"), "the parent counts what its child imported");
        assertEquals(List.of(child), after.getList("children.id"));
        assertEquals(List.of(3, 4, 5), Imports.graphql(TOKEN, """
                query($id: ID!) { importBatch(id: $id) { results: failures { edges { node { rowNumber } } } } }
                """, Map.of("id", parent)).getList("data.importBatch.results.edges.node.rowNumber"),
                "the parent's own outcomes stay as they were");
        String results = Imports.as(TOKEN).get("/imports/" + child + "/results.csv").then().statusCode(200).extract()
                .asString();
        assertTrue(results.contains(emails[1]) && results.contains(emails[3]) && !results.contains(emails[0]),
                results);
        assertTrue(results.lines().anyMatch(line -> line.contains(emails[1]) && line.contains(",3,")),
                "a retried row keeps its row number in the file: " + results);

        // what is left (the invalid email) fails the same way again; the LOOKUP rows are resolved and not sent twice
        JsonPath again = Imports.graphql(TOKEN, "mutation($id: ID!) { retryFailedRows(id: $id, errorTypes: [LOOKUP]) { id } }",
                Map.of("id", parent));
        assertTrue(again.getString("errors[0].message").contains("has no failed rows left to retry"),
                again.prettify());
        String rest = Imports.as(TOKEN).post("/imports/" + parent + "/retry").then().statusCode(202).extract()
                .path("id");
        JsonPath restDone = Imports.finish(worker, TOKEN, rest);
        assertEquals(1, restDone.getInt("totalRows"), "the VALIDATION row alone");
        assertEquals("FAILED", restDone.getString("status"));
        assertEquals(2, family(parent).getInt("resolvedCount"));
    }

    @Test
    void a_corrected_exceptions_file_is_linked_to_its_batch_and_resolves_its_rows() {
        String account = UniqueNames.of("Fixed Ltd");
        Catalogue.account(TOKEN, account);
        String good = UniqueNames.email("good");
        String fixed = UniqueNames.email("fixed");
        String parent = importFile(Imports.csv("account,emailAddress,firstName,lastName,status",
                account + "," + good + ",Ann,Good,ACTIVE",
                account + ",broken-address,Bea,Broken,ACTIVE"));
        assertEquals(1, family(parent).getInt("errorCount"));
        String exceptions = Imports.as(TOKEN).get("/imports/" + parent + "/exceptions.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(exceptions.contains("The row of batch " + parent), exceptions);

        String corrected = exceptions.replace("broken-address", fixed);
        String child = Imports.upload(TOKEN, "createContact", "contacts-exceptions.csv",
                corrected.getBytes(StandardCharsets.UTF_8)).then().statusCode(202).extract().path("id");
        Imports.finish(worker, TOKEN, child);

        JsonPath linked = family(child);
        assertEquals("COMPLETED", linked.getString("status"));
        assertEquals("UPLOAD", linked.getString("source"));
        assertEquals(parent, linked.getString("parentId"));
        assertEquals(1, family(parent).getInt("resolvedCount"));
    }

    @Test
    void an_upload_may_name_its_parent_of_the_same_template_only() {
        String parent = importFile(Imports.csv("account,emailAddress,firstName,lastName,status",
                UniqueNames.of("Nowhere") + "," + UniqueNames.email("n") + ",No,Where,ACTIVE"));
        String file = Imports.csv("name", UniqueNames.of("Some Account"));
        Imports.as(TOKEN).multiPart("file", "accounts.csv", file.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createAccount").multiPart("parent", parent).post("/imports")
                .then().statusCode(400).body("errors[0].message", containsString("was imported with the template createContact"));
        Imports.as(TOKEN).multiPart("file", "accounts.csv", file.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createAccount").multiPart("parent", "4b1f8c1e-0000-4000-8000-000000000000")
                .post("/imports").then().statusCode(400).body("errors[0].message", containsString("No batch"));

        String named = Imports.as(TOKEN).multiPart("file", "more-contacts.csv", Imports.csv(
                "account,emailAddress,firstName,lastName,status", UniqueNames.of("Still Nowhere") + ","
                        + UniqueNames.email("s") + ",Still,Nowhere,ACTIVE").getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createContact").multiPart("parent", parent).post("/imports")
                .then().statusCode(202).extract().path("id");
        Imports.finish(worker, TOKEN, named);
        assertEquals(parent, family(named).getString("parentId"));
        assertEquals(0, family(parent).getInt("resolvedCount"), "a file without Row Number resolves no row");
    }

    @Test
    void a_retry_is_refused_with_the_reason() {
        String parent = importFile(Imports.csv("account,emailAddress,firstName,lastName,status",
                "," + UniqueNames.email("p") + ",Pa,Rse,NOT-A-STATUS"));
        JsonPath parse = Imports.graphql(TOKEN, "mutation($id: ID!) { retryFailedRows(id: $id, errorTypes: [PARSE]) { id } }",
                Map.of("id", parent));
        assertTrue(parse.getString("errors[0].message").contains("fail the same way again"), parse.prettify());
        Imports.as(TOKEN).post("/imports/" + parent + "/retry?errorType=NOPE").then().statusCode(400)
                .body("errors[0].error_code", containsString("invalid-error-type"));

        String dryRun = Imports.acceptedDryRun(TOKEN, "createContact", "dry.csv", Imports.csv(
                "account,emailAddress,firstName,lastName,status", ",x,No,Account,ACTIVE"));
        Imports.finish(worker, TOKEN, dryRun);
        Imports.as(TOKEN).post("/imports/" + dryRun + "/retry").then().statusCode(409)
                .body("errors[0].message", containsString("is a dry run"));
        Imports.as(Tokens.of("eve", "elsewhere", "import-admin")).post("/imports/" + parent + "/retry").then()
                .statusCode(404);
        assertNull(family(parent).getString("parent"));
    }

    private String importFile(String csv) {
        String id = Imports.upload(TOKEN, "createContact", "contacts.csv", csv.getBytes(StandardCharsets.UTF_8))
                .then().statusCode(202).extract().path("id");
        Imports.finish(worker, TOKEN, id);
        return id;
    }

    private static JsonPath family(String id) {
        JsonPath answer = Imports.graphql(TOKEN, FAMILY, Map.of("id", id));
        return new JsonPath(answer.prettify()).setRootPath("data.importBatch");
    }
}
