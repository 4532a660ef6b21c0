package dev.intake.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.intake.file.CellValues;
import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/**
 * Counts, over a whole file, the distinct values a person may need to map (after any value map), with how often
 * each occurs and its first row numbers: for fixed-value and Boolean columns the values their field does not
 * accept, for lookup columns the values that match no record. At most {@value #MAX_DISTINCT} distinct values per
 * column, and it says when there were more.
 * <p>
 * Lookup values are checked in batches of {@value #CHECK_BATCH} distinct values, one query each; a column with
 * more than {@value #MAX_CHECKED} distinct values stops being checked there and says it may have more.
 */
public final class ValueTally {

    static final int MAX_DISTINCT = 100;
    static final int CHECK_BATCH = 1_000;
    static final int MAX_CHECKED = 20_000;
    private static final int FIRST_ROWS = 3;

    /** Which of a lookup column's values match no record. */
    @FunctionalInterface
    public interface LookupCheck {
        Set<String> unmatched(TemplateColumn column, Collection<String> values);
    }

    private final Map<Integer, TemplateColumn> columns = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> valueMaps;
    private final LookupCheck lookups;
    private final Map<Integer, Map<String, Counter>> unmatched = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Counter>> pending = new LinkedHashMap<>();
    /** Per lookup column, values needing no more counting: they match a record, or are beyond the listed ones. */
    private final Map<Integer, Set<String>> settled = new LinkedHashMap<>();
    private final Map<Integer, Boolean> more = new LinkedHashMap<>();

    private static final class Counter {
        long count;
        final List<Long> firstRows = new ArrayList<>();

        void add(long rowNumber) {
            count++;
            if (firstRows.size() < FIRST_ROWS) {
                firstRows.add(rowNumber);
            }
        }
    }

    /**
     * @param columns by file column index, the field each fills; only fixed-value, Boolean and lookup ones are
     *        counted
     */
    public ValueTally(Map<Integer, TemplateColumn> columns, Map<String, Map<String, String>> valueMaps,
            LookupCheck lookups) {
        columns.forEach((index, column) -> {
            if (column.type() == FieldType.FIXED || column.type() == FieldType.BOOLEAN || column.lookup() != null) {
                this.columns.put(index, column);
                unmatched.put(index, new LinkedHashMap<>());
                more.put(index, false);
                if (column.lookup() != null) {
                    pending.put(index, new LinkedHashMap<>());
                    settled.put(index, new HashSet<>());
                }
            }
        });
        this.valueMaps = valueMaps;
        this.lookups = lookups;
    }

    public boolean counts() {
        return !columns.isEmpty();
    }

    public void add(long rowNumber, List<String> cells) {
        columns.forEach((index, column) -> {
            String cell = index < cells.size() ? cells.get(index).strip() : "";
            if (cell.isEmpty()) {
                return;
            }
            if (column.lookup() != null) {
                addLookup(index, column, rowNumber, cell);
            } else if (!CellValues.accepts(column, mapped(column, cell))) {
                count(index, cell, rowNumber);
            }
        });
    }

    private void count(int index, String cell, long rowNumber) {
        Map<String, Counter> values = unmatched.get(index);
        Counter counter = values.get(cell);
        if (counter == null) {
            if (values.size() >= MAX_DISTINCT) {
                more.put(index, true);
                return;
            }
            counter = new Counter();
            values.put(cell, counter);
        }
        counter.add(rowNumber);
    }

    private void addLookup(int index, TemplateColumn column, long rowNumber, String cell) {
        Set<String> known = settled.get(index);
        Map<String, Counter> unchecked = pending.get(index);
        if (known.contains(cell)) {
            return;
        }
        Counter counter = unmatched.get(index).get(cell);
        if (counter == null) {
            counter = unchecked.get(cell);
        }
        if (counter == null) {
            if (known.size() + unmatched.get(index).size() + unchecked.size() >= MAX_CHECKED) {
                more.put(index, true);
                return;
            }
            counter = new Counter();
            unchecked.put(cell, counter);
        }
        counter.add(rowNumber);
        if (unchecked.size() >= CHECK_BATCH) {
            check(index, column);
        }
    }

    /** Asks which of a lookup column's unchecked values match no record; they join the unmatched ones. */
    private void check(int index, TemplateColumn column) {
        Map<String, Counter> unchecked = pending.get(index);
        if (unchecked.isEmpty()) {
            return;
        }
        Map<String, String> mappedValues = new LinkedHashMap<>();
        unchecked.keySet().forEach(value -> mappedValues.put(value, mapped(column, value)));
        Set<String> refused = lookups.unmatched(column, new HashSet<>(mappedValues.values()));
        unchecked.forEach((value, counter) -> {
            if (!refused.contains(mappedValues.get(value))) {
                settled.get(index).add(value);
            } else if (unmatched.get(index).size() < MAX_DISTINCT) {
                unmatched.get(index).put(value, counter);
            } else {
                settled.get(index).add(value);
                more.put(index, true);
            }
        });
        unchecked.clear();
    }

    public List<ColumnValues> result() {
        columns.forEach((index, column) -> {
            if (column.lookup() != null) {
                check(index, column);
            }
        });
        List<ColumnValues> result = new ArrayList<>();
        columns.forEach((index, column) -> {
            List<ColumnValues.Unmatched> values = new ArrayList<>();
            unmatched.get(index).forEach((value, counter) -> values.add(new ColumnValues.Unmatched(value, counter.count,
                    counter.firstRows)));
            result.add(new ColumnValues(index, column.reference(), values, more.get(index)));
        });
        return result;
    }

    private String mapped(TemplateColumn column, String cell) {
        Map<String, String> values = valueMaps.getOrDefault(column.reference(), Map.of());
        return values.getOrDefault(cell, cell);
    }
}
