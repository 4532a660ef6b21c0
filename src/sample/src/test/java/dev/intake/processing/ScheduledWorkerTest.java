package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With the scheduler on, as in production, an upload is processed with nobody driving the worker. */
@QuarkusTest
@TestProfile(ScheduledWorkerTest.SchedulerOn.class)
class ScheduledWorkerTest {

    /** The scheduler polls, quickly. */
    public static class SchedulerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intake.worker.scheduled", "true", "intake.worker.poll-interval", "0.2s");
        }
    }

    @Test
    void the_scheduler_picks_up_a_pending_batch_and_finishes_it() throws InterruptedException {
        String id = Imports.accepted("createAccount", "scheduled.csv", Imports.csv("name", UniqueNames.of("Scheduled")));

        JsonPath batch = Imports.awaitFinal(id);

        assertEquals("COMPLETED", batch.getString("status"));
        assertEquals(1, batch.getInt("successCount"));
    }
}
