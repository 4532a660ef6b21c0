package dev.intake.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.intake.template.TemplateColumn;

/**
 * Builds a row's mutation variables from its cells: each value goes to its column's reference path, typed by
 * its GraphQL type. A blank optional cell is left out, so the field is not given at all.
 */
public final class RowVariables {

    private final List<TemplateColumn> columns;
    private final List<List<String>> paths;
    private final int[] fileIndexes;
    /** By template column, the value map a person gave it, or {@code null}. */
    private final List<Map<String, String>> valueMaps;
    private final boolean decimalComma;

    public RowVariables(FileLayout layout) {
        this.decimalComma = layout.decimalComma();
        this.columns = layout.templateColumns();
        this.valueMaps = columns.stream().map(column -> layout.valueMaps().get(column.reference())).toList();
        this.paths = columns.stream().map(TemplateColumn::path).toList();
        this.fileIndexes = layout.fileIndexOfTemplateColumns();
    }

    /** The variables, or the cells at fault; never both. */
    public Result build(List<String> cells) {
        Map<String, Object> variables = new LinkedHashMap<>();
        List<CellError> errors = new ArrayList<>();
        for (int t = 0; t < columns.size(); t++) {
            TemplateColumn column = columns.get(t);
            int index = fileIndexes[t];
            String cell = index >= 0 && index < cells.size() ? cells.get(index) : "";
            if (cell.isBlank()) {
                if (column.required()) {
                    errors.add(new CellError(column, "a value is required"));
                }
                continue;
            }
            try {
                String text = mapped(valueMaps.get(t), cell);
                Object value = CellCoercion.coerce(column, decimalComma ? DecimalComma.toPoint(column, text) : text);
                if (column.customField()) {
                    addCustomField(variables, paths.get(t), value);
                } else {
                    put(variables, paths.get(t), value);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new CellError(column, e.getMessage()));
            }
        }
        return errors.isEmpty() ? new Result(variables, List.of()) : new Result(Map.of(), errors);
    }

    /** The value a person mapped this cell to, if they did: the same text, or the same text in another case. */
    private static String mapped(Map<String, String> values, String cell) {
        if (values == null || values.isEmpty()) {
            return cell;
        }
        String key = cell.strip();
        String to = values.get(key);
        if (to == null) {
            for (Map.Entry<String, String> entry : values.entrySet()) {
                if (entry.getKey().strip().equalsIgnoreCase(key)) {
                    return entry.getValue();
                }
            }
        }
        return to == null ? cell : to;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> variables, List<String> path, Object value) {
        Map<String, Object> level = variables;
        for (String segment : path.subList(0, path.size() - 1)) {
            level = (Map<String, Object>) level.computeIfAbsent(segment, key -> new LinkedHashMap<String, Object>());
        }
        level.put(path.get(path.size() - 1), value);
    }

    /** A custom field goes into the list at its slot, such as {@code input/customFields}, as a name and a value. */
    @SuppressWarnings("unchecked")
    private static void addCustomField(Map<String, Object> variables, List<String> path, Object value) {
        List<String> slot = path.subList(0, path.size() - 1);
        Map<String, Object> level = variables;
        for (String segment : slot.subList(0, slot.size() - 1)) {
            level = (Map<String, Object>) level.computeIfAbsent(segment, key -> new LinkedHashMap<String, Object>());
        }
        List<Object> values = (List<Object>) level.computeIfAbsent(slot.get(slot.size() - 1), key -> new ArrayList<>());
        values.add(Map.of("name", path.get(path.size() - 1), "value", String.valueOf(value)));
    }

    /** Variables for the mutation, or the errors that stop the row. */
    public record Result(Map<String, Object> variables, List<CellError> errors) {

        public boolean ok() {
            return errors.isEmpty();
        }
    }
}
