package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

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

    @Inject
    ImportWorker worker;

    public static class RarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intake.worker.scheduled", "true", "intake.worker.poll-interval", "1h",
                    "intake.worker.threads", "2", "intake.worker.chunk-size", "50");
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

    /**
     * While one worker stages a file the other finds nothing to do and stops; the staged chunks set it going
     * again, instead of leaving it idle until the next poll.
     */
    @Test
    void staging_a_file_sets_the_idle_worker_going() throws InterruptedException {
        String[] lines = new String[3001];
        lines[0] = "name";
        for (int row = 1; row < lines.length; row++) {
            lines[row] = UniqueNames.of("Staged " + row);
        }
        String id = Imports.accepted("createAccount", "wake-staged.csv", Imports.csv(lines));

        int mostBusy = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        String status = Imports.batch(id).getString("status");
        while (!Imports.isFinal(status) && System.nanoTime() < deadline) {
            if (status.equals("PROCESSING")) {
                mostBusy = Math.max(mostBusy, worker.busyWorkers());
            }
            Thread.sleep(5);
            status = Imports.batch(id).getString("status");
        }

        assertEquals("COMPLETED", status);
        assertEquals(2, mostBusy, "workers running at once while the staged chunks ran");
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
