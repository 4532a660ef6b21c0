package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * An upload starts this instance's workers at once. The scheduler here polls once an hour: after its first
 * poll at start-up, only the upload itself can set the workers going.
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
