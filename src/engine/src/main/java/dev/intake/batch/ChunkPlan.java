package dev.intake.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * How a batch's rows divide into chunks, worked out while they are staged: runs of at most {@code size}
 * consecutive rows in file order. Row numbers are record numbers, so a chunk's first and last row need not be
 * {@code size - 1} apart.
 */
public final class ChunkPlan {

    private final int size;
    private final List<Integer> firstRows = new ArrayList<>();
    private final List<Integer> lastRows = new ArrayList<>();
    private final List<Integer> rowCounts = new ArrayList<>();

    public ChunkPlan(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A chunk holds at least one row, not " + size);
        }
        this.size = size;
    }

    /** Adds the next staged row; rows come in increasing order. */
    public void add(long rowNumber) {
        int row = Math.toIntExact(rowNumber);
        int last = rowCounts.size() - 1;
        if (last < 0 || rowCounts.get(last) == size) {
            firstRows.add(row);
            lastRows.add(row);
            rowCounts.add(1);
            return;
        }
        lastRows.set(last, row);
        rowCounts.set(last, rowCounts.get(last) + 1);
    }

    public int chunks() {
        return rowCounts.size();
    }

    Integer[] firstRows() {
        return firstRows.toArray(Integer[]::new);
    }

    Integer[] lastRows() {
        return lastRows.toArray(Integer[]::new);
    }

    Integer[] rowCounts() {
        return rowCounts.toArray(Integer[]::new);
    }
}
