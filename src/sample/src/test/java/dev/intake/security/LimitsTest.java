package dev.intake.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Each limit is configurable, and going over one gets an error that states it. */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
class LimitsTest {

    /** Limits small enough to reach with tiny files. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intake.limits.max-file-size", "200", "intake.limits.max-rows", "3",
                    "intake.limits.max-columns", "4", "intake.limits.max-cell-length", "30");
        }
    }

    @Inject
    ImportWorker worker;

    @Test
    void a_file_over_the_size_limit_is_refused_with_413() {
        Imports.upload("createAccount", "big.csv", "name\r\n" + "x".repeat(300) + "\r\n")
                .then().statusCode(413)
                .body("errors[0].error_code", equalTo("file-too-large"))
                .body("errors[0].message", equalTo("The file big.csv has 308 bytes; the limit is 200 bytes "
                        + "(intake.limits.max-file-size)"));
    }

    @Test
    void a_file_over_the_row_limit_fails_validation_and_imports_nothing() {
        JsonPath batch = run(Imports.csv("name", UniqueNames.of("R1"), UniqueNames.of("R2"), UniqueNames.of("R3"),
                UniqueNames.of("R4")));
        assertEquals("VALIDATION_FAILED", batch.getString("status"));
        assertEquals("The file limits.csv has more than 3 data rows, the limit (intake.limits.max-rows); split it into "
                + "smaller files. Nothing was imported.", batch.getString("message"));
    }

    @Test
    void a_file_over_the_column_limit_fails_validation() {
        JsonPath batch = run(Imports.csv("name,website,a,b,c", "x,y,,,"));
        assertEquals("The header of limits.csv does not match the template createAccount: the file has 5 columns; the "
                + "limit is 4 (intake.limits.max-columns). Nothing was imported.", batch.getString("message"));
    }

    @Test
    void a_cell_over_the_length_limit_fails_its_row() {
        JsonPath batch = run(Imports.csv("name", "y".repeat(31), UniqueNames.of("Ok")));
        assertEquals("PARTIAL_SUCCESS", batch.getString("status"));
        assertEquals("Row 2, column 1 (A) has 31 characters; the limit is 30 (intake.limits.max-cell-length)",
                Imports.graphql("query($id: ID!) { importBatch(id: $id) { failures { edges { node { message } } } } }",
                        Map.of("id", batch.getString("id"))).getString("data.importBatch.failures.edges[0].node.message"));
    }

    private JsonPath run(String csv) {
        return Imports.finish(worker, Imports.accepted("createAccount", "limits.csv", csv));
    }
}
