package dev.intake.batch;

import static dev.intake.support.Batches.aBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batches on a real PostgreSQL, without Quarkus: what an upload records reads back, each organisation sees only its
 * own, the history pages newest first, the oldest pending file is validated first, every status change is an event,
 * and retention deletes a batch's files and rows but keeps the batch.
 */
class BatchStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    private static final StoreDatabase database = StoreDatabase.shared();

    @BeforeEach
    void empty() {
        database.empty();
    }

    @Test
    void what_an_upload_records_reads_back_and_only_in_its_organisation() {
        ImportBatch uploaded = aBatch().withTemplate("createPerson").withFilename("people.csv")
                .uploadedBy("ada", "acme", "import-admin", "people-writer").dryRun().createdAt(NOW).build();
        database.batches.insert(uploaded);

        ImportBatch read = database.batches.find(uploaded.id()).orElseThrow();
        assertEquals(List.of("createPerson", "people.csv", BatchStatus.PENDING, "ada", "acme", true),
                List.of(read.template(), read.filename(), read.status(), read.createdBy(), read.organisation(),
                        read.dryRun()));
        assertEquals(List.of("import-admin", "people-writer"), read.createdByRoles());
        assertEquals(NOW, read.createdAt());
        assertTrue(database.batches.findInOrganisation(uploaded.id(), "acme").isPresent());
        assertEquals(Optional.empty(), database.batches.findInOrganisation(uploaded.id(), "globex"),
                "another organisation's batch is as if it did not exist");
        assertEquals(Optional.of(uploaded.id()), database.batches.findActiveWithContent("acme", "createPerson",
                uploaded.sha256()));
    }

    @Test
    void the_history_pages_newest_first_and_filters_by_status_and_template() {
        UUID oldest = insert(aBatch().withTemplate("createPerson").createdAt(NOW));
        UUID middle = insert(aBatch().withTemplate("createPlace").createdAt(NOW.plusSeconds(1)));
        UUID newest = insert(aBatch().withTemplate("createPerson").createdAt(NOW.plusSeconds(2)));
        insert(aBatch().uploadedBy("gus", "globex", "import-admin").createdAt(NOW.plusSeconds(3)));

        List<ImportBatch> first = database.batches.findNewestFirst("acme", 2, null, null, null);
        assertEquals(List.of(newest, middle), ids(first));
        assertEquals(List.of(oldest), ids(database.batches.findNewestFirst("acme", 2, BatchCursor.of(first.get(1)), null,
                null)));
        assertEquals(List.of(newest, oldest), ids(database.batches.findNewestFirst("acme", 10, null, null, "createPerson")));
        database.batches.claimForValidation("worker", NOW, NOW.plus(LEASE));
        assertEquals(List.of(oldest), ids(database.batches.findNewestFirst("acme", 10, null, BatchStatus.VALIDATING,
                null)));
    }

    @Test
    void the_oldest_pending_file_is_validated_first_and_taken_over_when_its_lease_runs_out() {
        UUID oldest = insert(aBatch().createdAt(NOW));
        UUID newer = insert(aBatch().createdAt(NOW.plusSeconds(1)));

        assertEquals(Optional.of(oldest), database.batches.claimForValidation("a", NOW, NOW.plus(LEASE)));
        assertEquals(Optional.of(newer), database.batches.claimForValidation("b", NOW, NOW.plus(LEASE)));
        assertEquals(Optional.empty(), database.batches.claimForValidation("c", NOW, NOW.plus(LEASE)));
        Instant later = NOW.plus(LEASE).plusSeconds(1);
        assertEquals(Optional.of(oldest), database.batches.claimForValidation("c", later, later.plus(LEASE)),
                "worker a stopped; its validation is taken over");
    }

    @Test
    void every_status_change_is_an_event_with_its_actor_and_retention_keeps_only_the_batch() {
        ImportBatch batch = aBatch().createdAt(NOW).build();
        database.batches.insert(batch);
        database.files.write(batch.id(), new ByteArrayInputStream(new byte[] { 'x' }));
        database.batches.claimForValidation("worker-1", NOW, NOW.plus(LEASE));
        database.batches.failValidation(batch.id(), "The file has a header but no data rows.", NOW.plusSeconds(1),
                "worker-1");

        List<BatchEvent> events = database.batches.events(batch.id());
        assertEquals(List.of(BatchStatus.PENDING, BatchStatus.VALIDATING, BatchStatus.VALIDATION_FAILED),
                events.stream().map(BatchEvent::status).toList());
        assertEquals("ada", events.get(0).actor());
        assertEquals("worker-1", events.get(2).actor());
        assertEquals(new BatchStatusChanged(batch.id(), BatchStatus.VALIDATING, BatchStatus.VALIDATION_FAILED,
                NOW.plusSeconds(1), true), database.statusChanged.fired.stream()
                        .filter(changed -> changed.batchId().equals(batch.id())).reduce((first, last) -> last)
                        .orElseThrow(), "the change that ended the batch is fired for its observers");
        assertEquals(List.of(batch.id()), database.batches.findToPurge(NOW.plusSeconds(2), 10));
        assertEquals(List.of(), database.batches.findToPurge(NOW, 10), "not ended before the cut-off");

        assertTrue(database.batches.purge(batch.id(), NOW.plusSeconds(3)));
        assertFalse(database.batches.purge(batch.id(), NOW.plusSeconds(4)), "another instance purged it first");
        assertEquals(0, database.count("select count(*) from intake.import_file_part where batch_id = ?", batch.id()));
        ImportBatch kept = database.batches.find(batch.id()).orElseThrow();
        assertEquals(BatchStatus.VALIDATION_FAILED, kept.status());
        assertEquals(NOW.plusSeconds(3), kept.purgedAt());
        assertEquals(List.of(), database.batches.findToPurge(NOW.plusSeconds(10), 10));
    }

    private static UUID insert(dev.intake.support.Batches batch) {
        ImportBatch built = batch.build();
        database.batches.insert(built);
        return built.id();
    }

    private static List<UUID> ids(List<ImportBatch> batches) {
        return batches.stream().map(ImportBatch::id).toList();
    }
}
