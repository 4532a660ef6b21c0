package dev.intake.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    @Test
    void rows_are_cut_into_runs_of_the_chunk_size_with_the_rest_last() {
        ChunkPlan plan = new ChunkPlan(2);
        for (long row = 5; row <= 9; row++) {
            plan.add(row);
        }

        assertEquals(3, plan.chunks());
        assertArrayEquals(new Integer[] { 5, 7, 9 }, plan.firstRows());
        assertArrayEquals(new Integer[] { 6, 8, 9 }, plan.lastRows());
        assertArrayEquals(new Integer[] { 2, 2, 1 }, plan.rowCounts());
    }

    @Test
    void a_chunk_counts_rows_not_record_numbers() {
        ChunkPlan plan = new ChunkPlan(2);
        plan.add(5);
        plan.add(9);
        plan.add(10);

        assertArrayEquals(new Integer[] { 5, 10 }, plan.firstRows());
        assertArrayEquals(new Integer[] { 9, 10 }, plan.lastRows());
        assertArrayEquals(new Integer[] { 2, 1 }, plan.rowCounts());
    }

    @Test
    void no_rows_no_chunks_and_no_empty_chunk_size() {
        assertEquals(0, new ChunkPlan(500).chunks());
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(0));
    }
}
