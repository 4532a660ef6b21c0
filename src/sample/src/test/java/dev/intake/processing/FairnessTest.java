package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Batches take turns: chunks are claimed in order of their position within their batch, so a small batch
 * uploaded while a large one runs is done after one more chunk of the large one, not after all of them.
 */
@QuarkusTest
class FairnessTest {

    private static final String BIG = Tokens.of("bea", "fairness", "import-admin", "accounts-writer");
    private static final String SMALL = Tokens.of("sam", "fairness", "import-admin", "accounts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_small_batch_from_another_user_is_not_starved_by_a_large_one() {
        String big = Imports.upload(BIG, "createAccount", "big.csv", accounts("Big", 3000).getBytes()).then()
                .statusCode(202).extract().path("id");
        runUntil(() -> processed(BIG, big) >= 1000);
        long bigBefore = processed(BIG, big);

        String small = Imports.upload(SMALL, "createAccount", "small.csv", accounts("Small", 10).getBytes()).then()
                .statusCode(202).extract().path("id");
        runUntil(() -> "COMPLETED".equals(status(SMALL, small)));

        long bigAfter = processed(BIG, big);
        assertTrue(bigAfter - bigBefore <= 500, "the large batch ran at most one chunk (500 rows) before the small "
                + "one finished: it went from " + bigBefore + " to " + bigAfter);
        assertEquals("PROCESSING", status(BIG, big));
        Imports.finish(worker, BIG, big);
        assertEquals(3000, Imports.batch(BIG, big).getInt("successCount"));
    }

    private void runUntil(java.util.function.BooleanSupplier done) {
        for (int step = 0; step < 50 && !done.getAsBoolean(); step++) {
            worker.runOnce();
        }
        assertTrue(done.getAsBoolean(), "the worker did not get there in 50 steps");
    }

    private static String accounts(String prefix, int count) {
        StringBuilder csv = new StringBuilder("name\r\n");
        String unique = UniqueNames.of(prefix);
        for (int i = 1; i <= count; i++) {
            csv.append(unique).append(' ').append(i).append("\r\n");
        }
        return csv.toString();
    }

    private static long processed(String token, String id) {
        return Imports.batch(token, id).getLong("processedRows");
    }

    private static String status(String token, String id) {
        JsonPath batch = Imports.batch(token, id);
        return batch.getString("status");
    }
}
