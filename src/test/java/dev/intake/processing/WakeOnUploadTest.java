package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * An upload, or a dry run started for real, starts this instance's workers at once. The scheduler here polls
 * once an hour: after its first poll at start-up, only the request itself can set the workers going.
 */
@QuarkusTest
@TestProfile(WakeOnUploadTest.RarePolls.class)
class WakeOnUploadTest {

    public static class RarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intake.worker.scheduled", "true", "intake.worker.poll-interval", "1h");
        }
    }

    @Test
    void each_upload_wakes_the_workers() throws InterruptedException {
        for (int upload = 1; upload <= 2; upload++) {
            String id = Imports.accepted("createAccount", "wake-" + upload + ".csv",
                    Imports.csv("name", UniqueNames.of("Woken")));

            JsonPath batch = Imports.awaitFinal(id);

            assertEquals("COMPLETED", batch.getString("status"), "upload " + upload);
        }
    }

    @Test
    void starting_a_dry_run_for_real_wakes_the_workers() throws InterruptedException {
        String id = Imports.acceptedDryRun(Tokens.ADMIN, "createAccount", "wake-dry.csv",
                Imports.csv("name", UniqueNames.of("Woken Dry")));
        assertEquals("READY", Imports.awaitFinal(id).getString("status"));

        JsonPath started = Imports.graphql("mutation($id: ID!) { startImport(id: $id) { status } }", Map.of("id", id));
        // The answer is the batch as it is once started: a woken worker may already have finished its one row.
        assertTrue(List.of("PROCESSING", "COMPLETED").contains(started.getString("data.startImport.status")),
                started.prettify());

        assertEquals("COMPLETED", Imports.awaitFinal(id).getString("status"));
    }
}
