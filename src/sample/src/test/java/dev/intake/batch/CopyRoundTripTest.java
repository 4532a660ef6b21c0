package dev.intake.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.db.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Staged rows and outcomes, written with binary COPY, come back from PostgreSQL exactly as they were. */
@QuarkusTest
class CopyRoundTripTest {

    @Inject
    RowStore rows;

    @Inject
    OutcomeStore outcomes;

    @Inject
    Jdbc jdbc;

    @Test
    void cells_survive_the_binary_copy_unchanged() {
        List<StagedRow> written = List.of(
                new StagedRow(5, List.of("", "plain", "NULL", "\\N", "null"), null),
                new StagedRow(6, List.of("say \"hi\"", "back\\slash", "{braces},commas", "a\tb\nc\rd"), null),
                new StagedRow(7, List.of("ünïcødé", "日本語", "emoji 😀", "=1+2"), null),
                new StagedRow(8, List.of("x".repeat(32_767)), null),
                new StagedRow(9, List.of(), "Row 9 has 0 cells; the header has 2"),
                new StagedRow(10, List.of("", "x"), "Row 10, column 1 (A): the cell holds the error #N/A",
                        "input/emailAddress"),
                new StagedRow(2_000_004, List.of("last"), "Row 2000004, column B contains a NUL character"));
        UUID batch = UUID.randomUUID();
        try {
            int staged = QuarkusTransaction.requiringNew().call(() -> {
                RowStore.Stager stager = rows.stager(batch);
                written.forEach(row -> stager.add(row.rowNumber(), row.cells(), row.parseError(),
                        row.problemField()));
                return stager.finish();
            });

            assertEquals(written.size(), staged);
            assertEquals(written, rows.withoutOutcome(batch, 1, 3_000_000));
            List<StagedRow> reported = new ArrayList<>();
            QuarkusTransaction.requiringNew().run(() -> rows.forEachWithOutcome(batch, false,
                    row -> reported.add(row.row())));
            assertEquals(written, reported);
        } finally {
            jdbc.update("delete from intake.import_row where batch_id = ?", batch);
        }
    }

    @Test
    void outcomes_survive_the_binary_copy_unchanged() {
        List<RowOutcome> written = List.of(
                RowOutcome.succeeded(5, "Q29udGFjdDox", RowAction.CREATED),
                RowOutcome.succeeded(6, "Q29udGFjdDoy", null),
                RowOutcome.failed(7, RowErrorType.VALIDATION, "input/emailAddress",
                        "Row 7: emailAddress \"a\tb\\c\" must be\na well-formed email address; ünïcødé 😀"),
                RowOutcome.failed(8, RowErrorType.INTERNAL, null, ""));
        UUID batch = UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                RowStore.Stager stager = rows.stager(batch);
                written.forEach(outcome -> stager.add(outcome.rowNumber(), List.of("cell"), null, null));
                stager.finish();
            });
            QuarkusTransaction.requiringNew().run(() -> outcomes.insertAll(batch, written));

            List<RowOutcome> read = new ArrayList<>();
            QuarkusTransaction.requiringNew().run(() -> rows.forEachWithOutcome(batch, false,
                    row -> read.add(row.outcome())));
            assertEquals(written, read);
            assertEquals(written.subList(2, 4).stream().map(RowOutcome::message).toList(),
                    outcomes.failures(batch, 0, 10).stream().map(RowOutcome::message).toList());
        } finally {
            jdbc.update("delete from intake.import_outcome where batch_id = ?", batch);
            jdbc.update("delete from intake.import_row where batch_id = ?", batch);
        }
    }

    @Test
    void an_aborted_copy_stages_nothing() {
        UUID batch = UUID.randomUUID();
        try {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                RowStore.Stager stager = rows.stager(batch);
                for (int row = 5; row < 50_000; row++) {
                    stager.add(row, List.of("a", "b"), null, null);
                }
                stager.abort();
                throw new IllegalStateException("the file turned out wrong");
            }));
            assertEquals(List.of(), rows.withoutOutcome(batch, 1, 100));
        } finally {
            jdbc.update("delete from intake.import_row where batch_id = ?", batch);
        }
    }
}
