package dev.intake.processing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.support.Imports;
import dev.intake.support.SettableClock;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Cancelling, stopping early, taking over stale leases and purging old batches. */
@QuarkusTest
class ControlTest {

    private static final String TOKEN = Tokens.of("cora", "control", "import-admin", "accounts-writer");

    @Inject
    ImportWorker worker;

    @Inject
    ChunkStore chunks;

    @Inject
    RetentionPurge retention;

    @Inject
    SettableClock clock;

    @AfterEach
    void back_to_now() {
        clock.reset();
    }

    @Test
    void a_cancelled_batch_keeps_and_counts_its_committed_rows_and_reports_the_rest_as_not_processed() {
        String id = upload(accounts("Cancel", 1500, 0));
        worker.runOnce();
        worker.runOnce();
        assertEquals(500, Imports.batch(TOKEN, id).getInt("processedRows"));

        JsonPath cancelled = Imports.graphql(TOKEN, "mutation($id: ID!) { cancelImport(id: $id) { status successCount } }",
                Map.of("id", id));
        assertEquals("CANCELLED", cancelled.getString("data.cancelImport.status"));
        assertEquals(500, cancelled.getInt("data.cancelImport.successCount"));
        worker.drain();

        assertEquals("CANCELLED", Imports.batch(TOKEN, id).getString("status"));
        String results = Imports.as(TOKEN).get("/imports/" + id + "/results.csv").then().extract().asString();
        assertEquals(500, count(results, ",SUCCESS,"));
        assertEquals(1000, count(results, ",NOT_PROCESSED,"));
    }

    @Test
    void a_batch_whose_first_rows_nearly_all_fail_stops_early_and_says_why() {
        String id = upload(accounts("Early", 2000, 990));

        JsonPath batch = Imports.finish(worker, TOKEN, id);

        assertEquals("FAILED", batch.getString("status"));
        assertEquals(1000, batch.getInt("processedRows"));
        assertEquals(10, batch.getInt("successCount"), "the rows that succeeded stay committed and counted");
        assertTrue(batch.getString("message").startsWith("Stopped early: 990 of the first 1000 rows failed (99%), so "
                + "the file is likely wrong. Check that it was made from the createAccount template"), batch.getString("message"));
        String results = Imports.as(TOKEN).get("/imports/" + id + "/results.csv").then().extract().asString();
        assertEquals(1000, count(results, ",NOT_PROCESSED,"));
    }

    @Test
    void a_chunk_whose_worker_died_is_taken_over_once_its_lease_runs_out() {
        String id = upload(accounts("Lease", 10, 0));
        worker.runOnce();
        Optional<Chunk> dead = QuarkusTransaction.requiringNew().call(() -> chunks.claimNext("worker that died",
                clock.instant(), clock.instant().plus(Duration.ofSeconds(60))));
        assertTrue(dead.isPresent());

        worker.drain();
        assertEquals("PROCESSING", Imports.batch(TOKEN, id).getString("status"), "the lease still holds");

        clock.advance(Duration.ofSeconds(61));
        worker.drain();
        JsonPath batch = Imports.batch(TOKEN, id);
        assertEquals("COMPLETED", batch.getString("status"));
        assertEquals(10, batch.getInt("successCount"));
    }

    @Test
    void a_batch_past_its_retention_loses_its_files_but_keeps_its_record() {
        String id = upload(accounts("Old", 3, 0));
        Imports.finish(worker, TOKEN, id);

        clock.advance(Duration.ofDays(29));
        retention.purgeDue();
        Imports.as(TOKEN).get("/imports/" + id + "/original").then().statusCode(200);

        clock.advance(Duration.ofDays(2));
        assertTrue(retention.purgeDue() >= 1);

        for (String file : List.of("/original", "/exceptions.csv", "/results.csv")) {
            Imports.as(TOKEN).get("/imports/" + id + file).then().statusCode(410)
                    .body("errors[0].error_code", equalTo("batch-purged"));
        }
        JsonPath batch = Imports.batch(TOKEN, id);
        assertEquals("COMPLETED", batch.getString("status"));
        assertEquals(3, batch.getInt("successCount"));
        String purgedAt = batch.getString("purgedAt");
        assertNotNull(purgedAt);
        assertFalse(Instant.parse(purgedAt).isBefore(Instant.now().plus(Duration.ofDays(30))));
    }

    private static String upload(String csv) {
        return Imports.upload(TOKEN, "createAccount", "control.csv", csv.getBytes()).then().statusCode(202)
                .extract().path("id");
    }

    /** Account rows, the first {@code bad} of them too long a name to import. */
    private static String accounts(String prefix, int count, int bad) {
        StringBuilder csv = new StringBuilder("name\r\n");
        String unique = UniqueNames.of(prefix);
        for (int i = 1; i <= count; i++) {
            csv.append(i <= bad ? "x".repeat(201) + i : unique + " " + i).append("\r\n");
        }
        return csv.toString();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
