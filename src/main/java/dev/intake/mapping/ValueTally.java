package dev.intake.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.intake.file.CellValues;
import dev.intake.template.TemplateColumn;

/**
 * Counts, over a whole file, the distinct values of fixed-value and Boolean columns that their field does not
 * accept (after any value map), with how often each occurs and its first row numbers; at most
 * {@value #MAX_DISTINCT} distinct values per column, and it says when there were more.
 */
public final class ValueTally {

    static final int MAX_DISTINCT = 100;
    private static final int FIRST_ROWS = 3;

    private final Map<Integer, TemplateColumn> columns;
    private final Map<String, Map<String, String>> valueMaps;
    private final Map<Integer, Map<String, Counter>> unmatched = new LinkedHashMap<>();
    private final Map<Integer, Boolean> more = new LinkedHashMap<>();

    private static final class Counter {
        long count;
        final List<Long> firstRows = new ArrayList<>();
    }

    /** @param columns by file column index, the field each fills; only fixed-value and Boolean ones are counted */
    public ValueTally(Map<Integer, TemplateColumn> columns, Map<String, Map<String, String>> valueMaps) {
        this.columns = new LinkedHashMap<>();
        columns.forEach((index, column) -> {
            if (column.type() == dev.intake.template.FieldType.FIXED
                    || column.type() == dev.intake.template.FieldType.BOOLEAN) {
                this.columns.put(index, column);
                unmatched.put(index, new LinkedHashMap<>());
                more.put(index, false);
            }
        });
        this.valueMaps = valueMaps;
    }

    public boolean counts() {
        return !columns.isEmpty();
    }

    public void add(long rowNumber, List<String> cells) {
        columns.forEach((index, column) -> {
            String cell = index < cells.size() ? cells.get(index).strip() : "";
            if (cell.isEmpty() || CellValues.accepts(column, mapped(column, cell))) {
                return;
            }
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
            counter.count++;
            if (counter.firstRows.size() < FIRST_ROWS) {
                counter.firstRows.add(rowNumber);
            }
        });
    }

    public List<ColumnValues> result() {
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
