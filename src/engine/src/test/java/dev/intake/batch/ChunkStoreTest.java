package dev.intake.batch;

import static dev.intake.support.Batches.aBatch;
import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.intake.db.StoreException;
import dev.intake.file.FileLayout;
import dev.intake.file.HeaderMatcher;

/**
 * The chunk and batch stores' SQL on a real PostgreSQL, without Quarkus: claims and leases, the order batches take
 * turns in, the status guard, the counts, and the locks that make a cancellation's counts final.
 */
class ChunkStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final FileLayout LAYOUT = new HeaderMatcher(aTemplate("createAccount")
            .with(aColumn("Name", "input/name").required()).build(), header -> false).match(List.of("name"), null)
            .layout();

    private static final StoreDatabase database = StoreDatabase.shared();

    @BeforeEach
    void empty_queue() {
        database.empty();
    }

    @Test
    void a_claimed_chunk_is_not_claimed_again_until_its_lease_runs_out() {
        UUID batch = processing(aBatch().createdAt(NOW), 2);
        Chunk first = database.chunks.claimNext("worker-a", NOW, NOW.plus(LEASE)).orElseThrow();
        Chunk second = database.chunks.claimNext("worker-b", NOW, NOW.plus(LEASE)).orElseThrow();
        assertEquals(List.of(batch, batch), List.of(first.batchId(), second.batchId()));
        assertTrue(first.firstRow() < second.firstRow());
        assertTrue(database.chunks.claimNext("worker-c", NOW, NOW.plus(LEASE)).isEmpty(), "both are leased");

        Instant later = NOW.plus(LEASE).plusSeconds(1);
        Chunk takenOver = database.chunks.claimNext("worker-c", later, later.plus(LEASE)).orElseThrow();
        assertEquals(first.id(), takenOver.id());
        assertEquals(2, takenOver.attempts());
        assertFalse(database.chunks.holdLease(first, "worker-a", later.plus(LEASE)), "worker-a lost it");
        assertTrue(database.chunks.holdLease(takenOver, "worker-c", later.plus(LEASE)));
    }

    @Test
    void batches_take_turns_chunk_by_chunk_in_upload_order() {
        UUID large = processing(aBatch().createdAt(NOW), 3);
        UUID small = processing(aBatch().createdAt(NOW.plusSeconds(5)), 2);
        List<UUID> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(database.chunks.claimNext("worker", NOW, NOW.plus(LEASE)).orElseThrow().batchId());
        }
        assertEquals(List.of(large, small, large, small, large), order);
    }

    @Test
    void only_processing_batches_give_out_chunks() {
        UUID batch = processing(aBatch().createdAt(NOW), 1);
        database.batches.cancel(batch, BatchStatus.PROCESSING, NOW, "ada");
        assertTrue(database.chunks.claimNext("worker", NOW, NOW.plus(LEASE)).isEmpty());
    }

    @Test
    void a_status_change_from_a_status_the_batch_no_longer_has_is_refused() {
        UUID batch = processing(aBatch().createdAt(NOW), 1);
        assertThrows(StatusChangedException.class,
                () -> database.batches.failValidation(batch, "too late", NOW, "worker"), "it left VALIDATING");
        assertThrows(IllegalStatusChangeException.class,
                () -> database.batches.finish(batch, BatchStatus.PENDING, new RunCounts(0, 0, 0, 0), NOW, "worker"));
        assertEquals(BatchStatus.PROCESSING, database.batches.find(batch).orElseThrow().status());
    }

    @Test
    void the_same_file_twice_for_one_template_is_refused_while_the_first_is_active() {
        database.batches.insert(aBatch().withContentHash("same").build());
        assertThrows(DuplicateActiveBatchException.class,
                () -> database.batches.insert(aBatch().withContentHash("same").build()));
        database.batches.insert(aBatch().withContentHash("same").uploadedBy("bob", "globex", "import-admin").build());
    }

    @Test
    void a_done_chunk_counts_its_outcomes_and_the_batch_sums_its_done_chunks() {
        UUID batch = processing(aBatch().createdAt(NOW), 2);
        Chunk chunk = database.chunks.claimNext("worker", NOW, NOW.plus(LEASE)).orElseThrow();
        database.outcomes.insertAll(batch, List.of(
                RowOutcome.succeeded(chunk.firstRow(), "QWNjb3VudDox", RowAction.CREATED),
                RowOutcome.succeeded(chunk.firstRow() + 1, "QWNjb3VudDoy", RowAction.UPDATED),
                RowOutcome.failed(chunk.firstRow() + 2, RowErrorType.VALIDATION, "input/name", "Row 7: no name")));
        database.chunks.markDone(chunk, NOW, "worker");

        assertEquals(new RunCounts(2, 1, 1, 1), database.chunks.counts(batch));
        ImportBatch live = database.batches.find(batch).orElseThrow();
        assertEquals(List.of(3L, 2L, 1L, 1L, 1L), List.of(live.processedRows(), live.successCount(), live.errorCount(),
                live.createdCount(), live.updatedCount()));
        assertTrue(database.chunks.hasUnfinished(batch), "the second chunk is still pending");
    }

    @Test
    void a_stopped_batch_takes_all_its_counts_from_the_same_outcomes() {
        UUID batch = processing(aBatch().createdAt(NOW), 2);
        Chunk chunk = database.chunks.claimNext("worker", NOW, NOW.plus(LEASE)).orElseThrow();
        database.outcomes.insertAll(batch, List.of(
                RowOutcome.succeeded(chunk.firstRow(), "QWNjb3VudDox", RowAction.CREATED),
                RowOutcome.failed(chunk.firstRow() + 1, RowErrorType.LOOKUP, null, "Row 6: no such account")));
        database.batches.cancel(batch, BatchStatus.PROCESSING, NOW, "ada");

        ImportBatch cancelled = database.batches.find(batch).orElseThrow();
        assertEquals(BatchStatus.CANCELLED, cancelled.status());
        assertEquals(List.of(2L, 1L, 1L, 1L, 0L), List.of(cancelled.processedRows(), cancelled.successCount(),
                cancelled.errorCount(), cancelled.createdCount(), cancelled.updatedCount()),
                "the chunk never finished, yet created counts its committed row");
    }

    @Test
    void a_cancellation_waits_for_row_transactions_that_hold_their_lease() throws Exception {
        UUID batch = processing(aBatch().createdAt(NOW), 1);
        Chunk chunk = database.chunks.claimNext("worker", NOW, NOW.plus(LEASE)).orElseThrow();
        try (Connection rows = database.transaction(); Connection cancel = database.transaction()) {
            assertTrue(database.in(rows).chunks().holdLease(chunk, "worker", NOW.plus(LEASE)));
            assertThrows(StoreException.class, () -> database.in(cancel).batches().lockStatus(batch),
                    "the lock waits for the row transaction (here: past its lock timeout)");
            cancel.rollback();
            rows.commit();
            assertEquals(BatchStatus.PROCESSING, database.in(cancel).batches().lockStatus(batch).orElseThrow());
            cancel.rollback();
        }
    }

    @Test
    void a_row_transaction_that_asks_for_its_lease_after_a_cancellation_runs_nothing() throws Exception {
        UUID batch = processing(aBatch().createdAt(NOW), 1);
        Chunk chunk = database.chunks.claimNext("worker", NOW, NOW.plus(LEASE)).orElseThrow();
        try (Connection cancel = database.transaction(); Connection rows = database.transaction()) {
            BatchStore cancelling = database.in(cancel).batches();
            assertEquals(BatchStatus.PROCESSING, cancelling.lockStatus(batch).orElseThrow());
            assertThrows(StoreException.class, () -> database.in(rows).chunks().holdLease(chunk, "worker",
                    NOW.plus(LEASE)), "the lease waits for the cancellation (here: past its lock timeout)");
            rows.rollback();
            cancelling.cancel(batch, BatchStatus.PROCESSING, NOW, "ada");
            cancel.commit();
            assertFalse(database.in(rows).chunks().holdLease(chunk, "worker", NOW.plus(LEASE)),
                    "once the cancellation committed, the batch is no longer processing");
            rows.rollback();
        }
    }

    /** A batch moved to PROCESSING with {@code chunks} chunks of three rows each. */
    private UUID processing(dev.intake.support.Batches batch, int chunks) {
        ImportBatch inserted = batch.build();
        database.batches.insert(inserted);
        database.batches.claimForValidation("validator", inserted.createdAt(), inserted.createdAt().plus(LEASE));
        ChunkPlan plan = new ChunkPlan(3);
        for (long row = 5; row < 5 + 3L * chunks; row++) {
            plan.add(row);
        }
        database.chunks.insert(inserted.id(), plan);
        database.batches.startProcessing(inserted.id(), LAYOUT, 3 * chunks, null, inserted.createdAt(), "validator");
        return inserted.id();
    }
}
