package dev.intake.undo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import dev.intake.batch.RowErrorType;
import dev.intake.template.RecordRead;
import dev.intake.template.Undo;

/**
 * What a rollback does with one committed row, decided from its record's images and the record as it is now: record
 * a result at once (the record is gone, or changed since, or cannot be undone), or run the undo mutation with these
 * variables. Plain Java: the caller reads and runs.
 *
 * @param result the result to record without running anything, or {@code null} when the mutation runs
 * @param errorType for a row kept or failed, what kind of reason it is (CONFLICT for a record changed since,
 *        NOT_FOUND for one gone, INTERNAL for what was not kept), or {@code null}
 * @param reason why, for the results file
 * @param variables the undo mutation's variables, or {@code null}
 * @param notRestored the labels of fields an update changed that its undo cannot set back (they were empty before)
 */
public record RowPlan(UndoResult result, RowErrorType errorType, String reason, Map<String, Object> variables,
        List<String> notRestored) {

    /** The longest value a message quotes. */
    private static final int QUOTED = 60;

    public boolean runs() {
        return variables != null;
    }

    static RowPlan record(UndoResult result, RowErrorType errorType, String reason) {
        return new RowPlan(result, errorType, reason, null, List.of());
    }

    private static RowPlan running(Map<String, Object> variables, List<String> notRestored) {
        return new RowPlan(null, null, null, variables, notRestored);
    }

    /**
     * Plans the row's undo.
     *
     * @param image the images kept when the row ran, or {@code null} when none were
     * @param current the record as it is now, or {@code null} when it was not found (or not read: see {@code read})
     * @param read whether the record was read now; it is when an image after the row was kept
     * @param force whether a record changed since is undone anyway
     */
    public static RowPlan of(Undo undo, UndoStore.CommittedRow row, RowImage image, Map<String, Object> current,
            boolean read, boolean force) {
        String where = "Row " + row.rowNumber() + ", record " + row.entityId() + ": ";
        if (read && current == null) {
            return record(UndoResult.KEPT, RowErrorType.NOT_FOUND, where + "it no longer exists");
        }
        JsonNode after = image == null ? null : RecordImages.tree(image.after());
        if (read && !force) {
            JsonNode now = RecordImages.JSON.valueToTree(current);
            List<String> changed = changes(undo.reading().orElseThrow(), after, now);
            JsonNode before = image.before() == null ? null : RecordImages.tree(image.before());
            if (!changed.isEmpty() && "UPDATED".equals(row.action()) && before != null
                    && changes(undo.reading().orElseThrow(), before, now).isEmpty()) {
                // set back already: by someone, or by this rollback before a crash kept it from writing so
                return record(UndoResult.UNDONE, null, where + "already as it was before the import");
            }
            if (!changed.isEmpty()) {
                return record(UndoResult.KEPT, RowErrorType.CONFLICT, where + "changed after the import: " + String.join("; ", changed)
                        + " (roll back with force to undo it anyway)");
            }
        }
        Undo.Mutation mutation = undo.forAction(row.action()).orElseThrow();
        if (mutation == undo.delete()) {
            return delete(mutation, row, image, where);
        }
        JsonNode before = image == null ? null : RecordImages.tree(image.before());
        if (before == null) {
            return record(UndoResult.FAILED, RowErrorType.INTERNAL, where + "its values from before the import were not kept, so it cannot be"
                    + " restored");
        }
        return restore(undo, mutation, row, before, after, where);
    }

    /** The delete by the record's ID, with the values of the row's input it takes besides. */
    private static RowPlan delete(Undo.Mutation mutation, UndoStore.CommittedRow row, RowImage image, String where) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(mutation.argument(), row.entityId());
        if (!mutation.fromInput().isEmpty()) {
            JsonNode input = image == null ? null : RecordImages.tree(image.input());
            if (input == null) {
                return record(UndoResult.FAILED, RowErrorType.INTERNAL, where + "the values of its input that " + mutation.name() + " takes ("
                        + String.join(", ", mutation.fromInput().keySet()) + ") were not kept, so it cannot be undone");
            }
            mutation.fromInput().keySet().forEach(argument -> variables.put(argument, RecordImages.JSON.convertValue(
                    input.get(argument), Object.class)));
        }
        return running(variables, List.of());
    }

    /**
     * The update that sets back each field the row changed; a field that was empty before is listed in the input's
     * clear field where the update declares one, and otherwise cannot be set back.
     */
    private static RowPlan restore(Undo undo, Undo.Mutation mutation, UndoStore.CommittedRow row, JsonNode before,
            JsonNode after, String where) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", row.entityId());
        List<String> notRestored = new ArrayList<>();
        List<String> cleared = new ArrayList<>();
        boolean any = false;
        for (RecordRead.Field field : undo.reading().orElseThrow().fields()) {
            JsonNode was = at(before, field.path());
            JsonNode is = after == null ? null : at(after, field.path());
            if (after != null && Objects.equals(normal(was), normal(is))) {
                continue;
            }
            if (was == null || was.isNull()) {
                if (mutation.clear() == null) {
                    notRestored.add(field.label());
                } else {
                    cleared.add(String.join(".", field.path()));
                    any = true;
                }
                continue;
            }
            put(input, field.path(), RecordImages.JSON.convertValue(was, Object.class));
            any = true;
        }
        if (!cleared.isEmpty()) {
            input.put(mutation.clear(), cleared);
        }
        if (!any) {
            return notRestored.isEmpty() ? record(UndoResult.UNDONE, null, where + "the row changed no field; nothing"
                    + " to restore") : record(UndoResult.KEPT, RowErrorType.VALIDATION, where
                            + notRestoredText(notRestored));
        }
        return running(Map.of(mutation.argument(), input), List.copyOf(notRestored));
    }

    static String notRestoredText(List<String> labels) {
        return "not restored: " + String.join(", ", labels) + " (empty before the import, and the undo mutation"
                + " declares no way to set a field back to empty: @importAction(clear: ...))";
    }

    /** The fields whose value now differs from what the row left, as {@code First Name is now 'X' (was 'Y')}. */
    static List<String> changes(RecordRead read, JsonNode after, JsonNode current) {
        List<String> changed = new ArrayList<>();
        if (after == null) {
            return changed;
        }
        for (RecordRead.Field field : read.fields()) {
            JsonNode left = at(after, field.path());
            JsonNode now = at(current, field.path());
            if (!Objects.equals(normal(left), normal(now))) {
                changed.add(field.label() + " is now " + quoted(now) + " (the import left " + quoted(left) + ")");
            }
        }
        return changed;
    }

    private static JsonNode normal(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static JsonNode at(JsonNode node, List<String> path) {
        JsonNode at = node;
        for (String name : path) {
            if (at == null || !at.isObject()) {
                return null;
            }
            at = at.get(name);
        }
        return at;
    }

    private static String quoted(JsonNode value) {
        if (value == null || value.isNull()) {
            return "empty";
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return "'" + (text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text) + "'";
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> input, List<String> path, Object value) {
        Map<String, Object> at = input;
        for (int i = 0; i < path.size() - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(path.get(i), name -> new LinkedHashMap<String, Object>());
        }
        at.put(path.get(path.size() - 1), value);
    }
}
