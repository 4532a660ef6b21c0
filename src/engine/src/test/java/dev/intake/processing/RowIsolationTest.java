package dev.intake.processing;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.target.RowFailure;

class RowIsolationTest {

    /**
     * A transaction simulator: rows in {@code clean} fail without harm, rows in {@code poisoning} spoil the
     * transaction when they fail, rows in {@code failAtFlush} break the commit without saying which row did it.
     */
    private static final class FakeTransactions implements RowIsolation.SegmentRunner {
        final Set<Long> clean;
        final Set<Long> poisoning;
        final Set<Long> failAtFlush;
        final Map<Long, RowOutcome> committed = new LinkedHashMap<>();
        final Map<Long, Integer> committedRuns = new HashMap<>();
        int transactions;

        FakeTransactions(Set<Long> clean, Set<Long> poisoning, Set<Long> failAtFlush) {
            this.clean = clean;
            this.poisoning = poisoning;
            this.failAtFlush = failAtFlush;
        }

        @Override
        public Attempt run(List<PreparedRow> segment) {
            transactions++;
            List<RowOutcome> written = new ArrayList<>();
            for (int i = 0; i < segment.size(); i++) {
                PreparedRow row = segment.get(i);
                if (row.decided() != null) {
                    written.add(row.decided());
                } else if (poisoning.contains(row.rowNumber())) {
                    return Attempt.poisoned(i, failure("poisoned"));
                } else if (clean.contains(row.rowNumber())) {
                    written.add(RowOutcome.failed(row.rowNumber(), RowErrorType.VALIDATION, null, "clean"));
                } else {
                    written.add(RowOutcome.succeeded(row.rowNumber(), "id-" + row.rowNumber(), null));
                }
            }
            boolean flushFails = written.stream().anyMatch(outcome -> outcome.success() && failAtFlush.contains(outcome.rowNumber()));
            if (flushFails) {
                return Attempt.unattributable(failure("flush"));
            }
            for (RowOutcome outcome : written) {
                committed.put(outcome.rowNumber(), outcome);
                if (outcome.success()) {
                    committedRuns.merge(outcome.rowNumber(), 1, Integer::sum);
                }
            }
            return Attempt.committed();
        }
    }

    @Test
    void rows_without_failures_commit_in_one_transaction() {
        FakeTransactions transactions = new FakeTransactions(Set.of(), Set.of(), Set.of());
        assertTrue(RowIsolation.run(rows(100), transactions, RowIsolationTest::outcome));
        assertEquals(1, transactions.transactions);
        assertEquals(100, transactions.committed.size());
    }

    @Test
    void clean_failures_do_not_cost_a_transaction() {
        FakeTransactions transactions = new FakeTransactions(Set.of(3L, 50L), Set.of(), Set.of());
        RowIsolation.run(rows(100), transactions, RowIsolationTest::outcome);
        assertEquals(1, transactions.transactions);
        assertFalse(transactions.committed.get(3L).success());
    }

    @Test
    void a_poisoning_row_is_recorded_and_its_neighbours_commit_exactly_once() {
        FakeTransactions transactions = new FakeTransactions(Set.of(), Set.of(10L, 70L), Set.of());
        RowIsolation.run(rows(100), transactions, RowIsolationTest::outcome);
        assertEverythingCommittedOnce(transactions, 100, Set.of(10L, 70L));
        assertEquals("Row 10: poisoned", transactions.committed.get(10L).message());
        assertEquals(5, transactions.transactions, "two failed attempts, then the rows up to each failure, then the rest");
    }

    @Test
    void a_failure_at_flush_is_narrowed_down_to_its_row_by_halving() {
        FakeTransactions transactions = new FakeTransactions(Set.of(), Set.of(), Set.of(37L));
        RowIsolation.run(rows(100), transactions, RowIsolationTest::outcome);
        assertEverythingCommittedOnce(transactions, 100, Set.of(37L));
        assertEquals("Row 37: flush", transactions.committed.get(37L).message());
        assertTrue(transactions.transactions <= 2 * 8 + 2, "about two transactions per halving: " + transactions.transactions);
    }

    @Test
    void all_kinds_of_failure_together_still_leave_every_row_with_one_outcome() {
        FakeTransactions transactions = new FakeTransactions(Set.of(1L, 2L), Set.of(5L, 99L), Set.of(6L, 50L, 51L));
        RowIsolation.run(rows(100), transactions, RowIsolationTest::outcome);
        assertEverythingCommittedOnce(transactions, 100, Set.of(1L, 2L, 5L, 99L, 6L, 50L, 51L));
    }

    @Test
    void a_lost_lease_stops_the_chunk() {
        RowIsolation.SegmentRunner lost = segment -> Attempt.lostLease();
        assertFalse(RowIsolation.run(rows(10), lost, RowIsolationTest::outcome));
    }

    private static void assertEverythingCommittedOnce(FakeTransactions transactions, int rows, Set<Long> failed) {
        assertEquals(rows, transactions.committed.size(), "every row has exactly one outcome");
        for (long row = 1; row <= rows; row++) {
            RowOutcome outcome = transactions.committed.get(row);
            assertEquals(!failed.contains(row), outcome.success(), "row " + row);
            if (outcome.success()) {
                assertEquals(1, transactions.committedRuns.get(row), "row " + row + " was written once");
            }
        }
    }

    private static List<PreparedRow> rows(int count) {
        return LongStream.rangeClosed(1, count).mapToObj(n -> new PreparedRow(n, Map.of(), null)).toList();
    }

    private static RowOutcome outcome(PreparedRow row, RowFailure failure) {
        return RowOutcome.failed(row.rowNumber(), failure.type(), null, failure.message(row.rowNumber(), List.of()));
    }

    private static RowFailure failure(String detail) {
        return new RowFailure(RowErrorType.CONFLICT, null, detail, true);
    }
}
