package dev.intake.mapping;

import java.util.List;

/**
 * The values of one fixed-value or Boolean column of a file that its field does not accept, for a person to map.
 *
 * @param index the zero-based file column
 * @param reference the field the column maps to
 * @param more whether there were more distinct values than are listed
 */
public record ColumnValues(int index, String reference, List<Unmatched> unmatched, boolean more) {

    public ColumnValues {
        unmatched = List.copyOf(unmatched);
    }

    /** One value, how many rows hold it, and the first of them. */
    public record Unmatched(String value, long count, List<Long> firstRows) {

        public Unmatched {
            firstRows = List.copyOf(firstRows);
        }
    }
}
