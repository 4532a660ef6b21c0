package dev.intake.undo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.target.RowResult;
import dev.intake.target.RowSession;
import dev.intake.template.RecordRead;
import dev.intake.template.RowOperation;
import dev.intake.template.Undo;

/**
 * Reads the records that rows write, through the template's declared read query, in the rows' session and
 * transaction: before a group of updates, and after the rows, so that a rollback restores what an update changed and
 * keeps what someone changed since. Records are read many to an operation, each field aliased.
 */
public final class RecordImages {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Undo undo;
    private final RowSession session;
    private final int perOperation;

    public RecordImages(Undo undo, RowSession session, int perOperation) {
        this.undo = undo;
        this.session = session;
        this.perOperation = Math.max(1, perOperation);
    }

    /** Whether the template keeps images at all: it declares a read query. */
    public static boolean kept(Undo undo) {
        return undo.possible() && undo.reading().isPresent();
    }

    /**
     * For an update's rows, the records they name, as they are before the rows run: by row number, from the record's
     * {@code id} in the row's input.
     */
    public Map<Long, Map<String, Object>> before(Map<Long, Map<String, Object>> variablesByRow) {
        if (undo.kind() != Undo.Kind.RESTORE) {
            return Map.of();
        }
        Map<Long, String> ids = new LinkedHashMap<>();
        variablesByRow.forEach((row, variables) -> {
            if (variables.get(undo.inputArgument()) instanceof Map<?, ?> input && input.get("id") instanceof String id) {
                ids.put(row, id);
            }
        });
        return read(ids);
    }

    /** The images of the rows that succeeded: their records read now, after the rows, with their images before. */
    public List<RowImage> after(Map<Long, String> createdOrUpdated, Map<Long, Map<String, Object>> before) {
        Map<Long, Map<String, Object>> after = read(createdOrUpdated);
        List<RowImage> images = new ArrayList<>();
        for (Map.Entry<Long, String> row : createdOrUpdated.entrySet()) {
            Map<String, Object> was = before.get(row.getKey());
            Map<String, Object> is = after.get(row.getKey());
            if (was != null || is != null) {
                images.add(new RowImage(row.getKey(), json(was), json(is)));
            }
        }
        return images;
    }

    /** The records of the IDs, by the same keys; a record the query does not find is left out. */
    public Map<Long, Map<String, Object>> read(Map<Long, String> ids) {
        RecordRead read = undo.reading().orElseThrow();
        Map<Long, Map<String, Object>> records = new HashMap<>();
        List<Map.Entry<Long, String>> entries = new ArrayList<>(ids.entrySet());
        for (int from = 0; from < entries.size(); from += perOperation) {
            List<Map.Entry<Long, String>> group = entries.subList(from, Math.min(entries.size(), from + perOperation));
            Map<String, Object> variables = new HashMap<>();
            for (int k = 0; k < group.size(); k++) {
                variables.put(RowOperation.alias(k), group.get(k).getValue());
            }
            RowResult answer = session.query(read.document(group.size()), variables);
            if (!(answer.value() instanceof Map<?, ?> data)) {
                continue;
            }
            for (int k = 0; k < group.size(); k++) {
                if (data.get(RowOperation.alias(k)) instanceof Map<?, ?> record) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = (Map<String, Object>) record;
                    records.put(group.get(k).getKey(), fields);
                }
            }
        }
        return records;
    }

    static String json(Map<String, Object> record) {
        if (record == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record read for a rollback could not be written as JSON", e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record image is not JSON", e);
        }
    }
}
