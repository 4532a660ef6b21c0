package dev.intake.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The worker runs each row's mutation as the uploader, with the uploader's roles and organisation. */
@QuarkusTest
class ImportsRunAsUploaderTest {

    @Inject
    ImportWorker worker;

    @Test
    void an_admin_without_the_business_role_gets_every_row_failed_with_permission_and_a_warning() {
        String admin = Tokens.of("bob", "acme", "import-admin");
        String id = Imports.upload(admin, "createAccount", "no-role.csv",
                Imports.csv("name", UniqueNames.of("Denied One"), UniqueNames.of("Denied Two")).getBytes())
                .then().statusCode(202).extract().path("id");

        JsonPath batch = Imports.finish(worker, id);

        assertEquals("FAILED", batch.getString("status"));
        assertEquals(2, batch.getInt("errorCount"));
        assertEquals("Warning: bob does not have the role accounts-writer that createAccount requires, so every row "
                + "will fail with PERMISSION. Ask for the role, or have someone who has it upload the file.",
                batch.getString("message"));
        JsonPath failures = Imports.graphql("""
                query($id: ID!) { importBatch(id: $id) { createdBy failures { edges { node { errorType message } } } } }
                """, Map.of("id", id));
        assertEquals("bob", failures.getString("data.importBatch.createdBy"));
        assertEquals(List.of("PERMISSION", "PERMISSION"), failures.getList("data.importBatch.failures.edges.node.errorType"));
        assertEquals("Row 2: the uploader is not allowed to do this",
                failures.getString("data.importBatch.failures.edges[0].node.message"));
    }

    @Test
    void rows_are_written_into_the_uploaders_organisation() {
        String globex = Tokens.of("gina", "globex", "import-admin", "accounts-writer");
        String name = UniqueNames.of("Globex Own");
        String id = Imports.upload(globex, "createAccount", "globex.csv", Imports.csv("name", name).getBytes())
                .then().statusCode(202).extract().path("id");

        assertEquals("COMPLETED", Imports.finish(worker, globex, id).getString("status"));

        assertTrue(accountNames(globex).contains(name));
        assertTrue(!accountNames(Tokens.ADMIN).contains(name), "acme does not see globex's account");
    }

    static List<String> accountNames(String token) {
        return Imports.graphql(token, "{ accounts { name } }", Map.of()).getList("data.accounts.name");
    }
}
