package dev.intake.batch;

import static dev.intake.support.Batches.aBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.intake.db.StoreException;

/**
 * Row outcomes on a real PostgreSQL, written by binary COPY: what goes in comes out, the failed rows page in row order,
 * a dry run's are forgotten, and a row's outcome is written once.
 */
class OutcomeStoreTest {

    private static final StoreDatabase database = StoreDatabase.shared();

    @BeforeEach
    void empty() {
        database.empty();
    }

    @Test
    void outcomes_go_in_by_copy_and_the_failed_rows_page_in_row_order() {
        UUID batch = batch();
        database.outcomes.insertAll(batch, List.of(
                RowOutcome.succeeded(5, "Q29udGFjdDox", RowAction.CREATED, "Created account 'Initech'"),
                RowOutcome.failed(9, RowErrorType.LOOKUP, "input/account", "Row 9, column Account: no 'Zürich AG' ☃"),
                RowOutcome.failed(6, RowErrorType.VALIDATION, null, "Row 6: a value does not fit"),
                RowOutcome.succeeded(7, null, null)));

        assertEquals(4, database.count("select count(*) from intake.import_outcome where batch_id = ?", batch));
        List<RowOutcome> first = database.outcomes.failures(batch, 0, 1);
        assertEquals(List.of(new RowOutcome(6, false, null, null, RowErrorType.VALIDATION, null,
                "Row 6: a value does not fit")), first);
        List<RowOutcome> next = database.outcomes.failures(batch, first.get(0).rowNumber(), 10);
        assertEquals(List.of(new RowOutcome(9, false, null, null, RowErrorType.LOOKUP, "input/account",
                "Row 9, column Account: no 'Zürich AG' ☃")), next);
        assertEquals(List.of(), database.outcomes.failures(batch, 9, 10));
    }

    @Test
    void a_rows_outcome_is_written_once_and_a_dry_runs_are_forgotten_before_it_runs_for_real() {
        UUID batch = batch();
        database.outcomes.insertAll(batch, List.of(RowOutcome.succeeded(5, "1", RowAction.CREATED)));

        assertThrows(StoreException.class, () -> database.outcomes.insertAll(batch,
                List.of(RowOutcome.succeeded(5, "2", RowAction.CREATED))), "the row already has its outcome");

        database.outcomes.deleteAll(batch);
        assertEquals(0, database.count("select count(*) from intake.import_outcome where batch_id = ?", batch));
    }

    private static UUID batch() {
        ImportBatch batch = aBatch().build();
        database.batches.insert(batch);
        return batch.id();
    }
}
