package dev.intake.training;

import static org.hamcrest.Matchers.equalTo;
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

/** A dry run checks every row in the background, commits nothing, and can then be started for real. */
@QuarkusTest
class DryRunTest {

    private static final String TOKEN = Tokens.of("dora", "dry-runs", "import-admin", "accounts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_clean_dry_run_commits_nothing_ends_ready_and_starts_for_real() {
        String first = UniqueNames.of("Dry One");
        String second = UniqueNames.of("Dry Two");
        String id = dryRun(Imports.csv("name", first, second));

        JsonPath checked = Imports.finish(worker, TOKEN, id);
        assertEquals("READY", checked.getString("status"));
        assertEquals(true, checked.getBoolean("dryRun"));
        assertEquals(2, checked.getInt("createdCount"), "how many rows would create a record");
        assertEquals(0, checked.getInt("errorCount"));
        assertTrue(!names().contains(first), "a dry run commits nothing");
        assertTrue(Imports.as(TOKEN).get("/imports/" + id + "/results.csv").then().extract().asString()
                .contains(first + ",,,2,SUCCESS,"));

        JsonPath started = Imports.graphql(TOKEN, "mutation($id: ID!) { startImport(id: $id) { status dryRun } }",
                Map.of("id", id));
        assertEquals("PROCESSING", started.getString("data.startImport.status"), started.prettify());
        JsonPath done = Imports.finish(worker, TOKEN, id);

        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(false, done.getBoolean("dryRun"));
        assertEquals(2, done.getInt("successCount"));
        assertTrue(names().containsAll(List.of(first, second)));
        List<String> statuses = Imports.graphql(TOKEN, "query($id: ID!) { importBatch(id: $id) { events { status } } }",
                Map.of("id", id)).getList("data.importBatch.events.status");
        assertEquals(List.of("PENDING", "VALIDATING", "PROCESSING", "READY", "PROCESSING", "COMPLETED"), statuses);
    }

    @Test
    void a_dry_run_finds_conflicts_with_current_data_and_the_mutations_own_checks() {
        String existing = UniqueNames.of("Already There");
        Catalogue.account(TOKEN, existing);
        String fresh = UniqueNames.of("Fresh");
        String id = dryRun(Imports.csv("name,website", existing + ",", fresh + ",", "x".repeat(201) + ","));

        JsonPath checked = Imports.finish(worker, TOKEN, id);

        assertEquals("VALIDATION_FAILED", checked.getString("status"));
        assertEquals(1, checked.getInt("createdCount"));
        assertEquals(2, checked.getInt("errorCount"));
        String exceptions = Imports.as(TOKEN).get("/imports/" + id + "/exceptions.csv").then().extract().asString();
        assertTrue(exceptions.contains(existing + ",,,2,CONFLICT,"), exceptions);
        assertTrue(exceptions.contains(",,4,VALIDATION,\"Row 4, column Name (input/name): size must be between 0 and 200"),
                exceptions);
        assertTrue(!names().contains(fresh));
        JsonPath refused = Imports.graphql(TOKEN, "mutation($id: ID!) { startImport(id: $id) { status } }", Map.of("id", id));
        assertEquals("conflict", refused.getString("errors[0].extensions.code"));
        assertEquals("The batch is VALIDATION_FAILED; only a READY dry run can be started",
                refused.getString("errors[0].message"));
    }

    @Test
    void a_dry_run_is_not_started_while_the_same_file_is_being_imported_for_real() {
        String csv = Imports.csv("name", UniqueNames.of("Twice"));
        String id = dryRun(csv);
        assertEquals("READY", Imports.finish(worker, TOKEN, id).getString("status"));
        String real = Imports.as(TOKEN).multiPart("file", "dry.csv", csv.getBytes(), "text/csv")
                .multiPart("template", "createAccount").post("/imports").then().statusCode(202).extract().path("id");

        JsonPath refused = Imports.graphql(TOKEN, "mutation($id: ID!) { startImport(id: $id) { status } }", Map.of("id", id));

        assertEquals("conflict", refused.getString("errors[0].extensions.code"), refused.prettify());
        assertEquals("The same file is already being imported with the template createAccount; wait for it to finish",
                refused.getString("errors[0].message"));
        assertEquals("READY", Imports.batch(TOKEN, id).getString("status"), "the dry run stays as it was");
        assertEquals("COMPLETED", Imports.finish(worker, TOKEN, real).getString("status"));
    }

    @Test
    void dry_run_must_be_true_or_false() {
        Imports.as(TOKEN).multiPart("file", "x.csv", "name\r\nX\r\n".getBytes(), "text/csv")
                .multiPart("template", "createAccount").multiPart("dryRun", "maybe").post("/imports")
                .then().statusCode(400).body("errors[0].error_code", equalTo("invalid-dry-run"));
    }

    private static String dryRun(String csv) {
        return Imports.acceptedDryRun(TOKEN, "createAccount", "dry.csv", csv);
    }

    private static List<String> names() {
        return Imports.graphql(TOKEN, "{ accounts { name } }", Map.of()).getList("data.accounts.name");
    }
}
