package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
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

            JsonPath batch = finalState(id);

            assertEquals("COMPLETED", batch.getString("status"), "upload " + upload);
        }
    }

    @Test
    void starting_a_dry_run_for_real_wakes_the_workers() throws InterruptedException {
        String id = Imports.as(Tokens.ADMIN).multiPart("file", "wake-dry.csv",
                Imports.csv("name", UniqueNames.of("Woken Dry")).getBytes(), "text/csv")
                .multiPart("template", "createAccount").multiPart("dryRun", "true").post("/imports")
                .then().statusCode(202).extract().path("id");
        assertEquals("READY", finalState(id).getString("status"));

        JsonPath started = Imports.graphql("mutation($id: ID!) { startImport(id: $id) { status } }", Map.of("id", id));
        assertEquals("PROCESSING", started.getString("data.startImport.status"), started.prettify());

        assertEquals("COMPLETED", finalState(id).getString("status"));
    }

    private static JsonPath finalState(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath batch = Imports.batch(id);
        while (!Imports.isFinal(batch.getString("status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            batch = Imports.batch(id);
        }
        return batch;
    }
}
