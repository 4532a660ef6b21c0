package dev.intake.undo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(RecordImages.class);

    private final Undo undo;
    private final RowSession session;
    private final int perOperation;

    public RecordImages(Undo undo, RowSession session, int perOperation) {
        this.undo = undo;
        this.session = session;
        this.perOperation = Math.max(1, perOperation);
    }

    /** Whether the template keeps images at all: it declares a read query, or its undo takes values of the input. */
    public static boolean kept(Undo undo) {
        return undo.possible() && (undo.reading().isPresent() || undo.needsInput());
    }

    /** The values of each row's input that its undo takes besides the record's ID, by row number; or none. */
    public Map<Long, Map<String, Object>> inputs(Map<Long, Map<String, Object>> variablesByRow) {
        if (!undo.needsInput()) {
            return Map.of();
        }
        Map<Long, Map<String, Object>> inputs = new LinkedHashMap<>();
        variablesByRow.forEach((row, variables) -> {
            Map<String, Object> taken = new LinkedHashMap<>();
            undo.delete().fromInput().forEach((argument, path) -> taken.put(argument, at(variables, path)));
            inputs.put(row, taken);
        });
        return inputs;
    }

    private static Object at(Map<String, Object> variables, List<String> path) {
        Object at = variables;
        for (String name : path) {
            at = at instanceof Map<?, ?> map ? map.get(name) : null;
        }
        return at;
    }

    /**
     * For rows that may update, the records they name, as they are before the rows run: by row number, from the
     * record's {@code id} in the row's input (an upsert's row that names its record otherwise keeps no image before).
     */
    public Map<Long, Map<String, Object>> before(Map<Long, Map<String, Object>> variablesByRow) {
        if (!undo.readsBefore()) {
            return Map.of();
        }
        Map<Long, String> ids = new LinkedHashMap<>();
        variablesByRow.forEach((row, variables) -> {
            if (variables.get(undo.rowInput()) instanceof Map<?, ?> input && input.get("id") instanceof String id) {
                ids.put(row, id);
            }
        });
        return read(ids);
    }

    /**
     * The images of the rows that succeeded, with their images before: the records as the rows' own answers give them
     * where the template's mutation answers the read's fields, or else read now.
     */
    public List<RowImage> after(Map<Long, String> createdOrUpdated, Map<Long, Map<String, Object>> before,
            Map<Long, ? extends Map<?, ?>> answers, Map<Long, Map<String, Object>> inputs) {
        Map<Long, Map<String, Object>> after = new HashMap<>();
        Map<Long, String> unanswered = new LinkedHashMap<>();
        for (Map.Entry<Long, String> row : createdOrUpdated.entrySet()) {
            Map<?, ?> answer = undo.answered() ? answers.get(row.getKey()) : null;
            if (answer == null) {
                unanswered.put(row.getKey(), row.getValue());
            } else {
                after.put(row.getKey(), fieldsOf(answer));
            }
        }
        if (undo.reading().isPresent()) {
            after.putAll(read(unanswered));
        }
        List<RowImage> images = new ArrayList<>();
        for (Map.Entry<Long, String> row : createdOrUpdated.entrySet()) {
            Map<String, Object> was = before.get(row.getKey());
            Map<String, Object> is = after.get(row.getKey());
            Map<String, Object> input = inputs.get(row.getKey());
            if (was != null || is != null || input != null) {
                images.add(new RowImage(row.getKey(), json(was), json(is), json(input)));
            }
        }
        return images;
    }

    /** A read that the target or the schema refused, as against a record that is not there. */
    static final class ReadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailed(String message) {
            super(message);
        }
    }

    /** The records of the IDs, as {@link #read}, but a read that fails throws instead of leaving its records out. */
    Map<Long, Map<String, Object>> readOrFail(Map<Long, String> ids) {
        return read(ids, true);
    }

    /** The records of the IDs, by the same keys; a record the query does not find is left out. */
    public Map<Long, Map<String, Object>> read(Map<Long, String> ids) {
        return read(ids, false);
    }

    private Map<Long, Map<String, Object>> read(Map<Long, String> ids, boolean failing) {
        RecordRead read = undo.reading().orElseThrow();
        Map<Long, Map<String, Object>> records = new HashMap<>();
        List<Map.Entry<Long, String>> entries = new ArrayList<>(ids.entrySet());
        for (int from = 0; from < entries.size(); from += perOperation) {
            List<Map.Entry<Long, String>> group = entries.subList(from, Math.min(entries.size(), from + perOperation));
            if (read.byList()) {
                readByList(read, group, records, failing);
                continue;
            }
            Map<String, Object> variables = new HashMap<>();
            for (int k = 0; k < group.size(); k++) {
                variables.put(RowOperation.alias(k), group.get(k).getValue());
            }
            RowResult answer = session.query(read.document(group.size()), variables);
            check(read, answer, failing);
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

    /** Reads a group in one field that takes their IDs, matching each record to the rows that name it by its id. */
    private void readByList(RecordRead read, List<Map.Entry<Long, String>> group, Map<Long, Map<String, Object>> records,
            boolean failing) {
        RowResult answer = session.query(read.document(group.size()), Map.of("ids",
                group.stream().map(Map.Entry::getValue).distinct().toList()));
        check(read, answer, failing);
        if (!(answer.value() instanceof Map<?, ?> data) || !(data.get("r") instanceof List<?> found)) {
            return;
        }
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (Object item : found) {
            if (item instanceof Map<?, ?> record && record.get("id") instanceof String id) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) record);
                fields.remove("id");
                byId.put(id, fields);
            }
        }
        for (Map.Entry<Long, String> row : group) {
            Map<String, Object> record = byId.get(row.getValue());
            if (record != null) {
                records.put(row.getKey(), record);
            }
        }
    }

    /** The read's fields of a mutation's answer, without what the engine selects for itself (id, created). */
    private Map<String, Object> fieldsOf(Map<?, ?> answer) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordRead.Field field : undo.reading().orElseThrow().fields()) {
            String top = field.path().get(0);
            if (answer.containsKey(top)) {
                fields.put(top, answer.get(top));
            }
        }
        return fields;
    }

    /**
     * A read that failed throws when asked to; otherwise it leaves its rows without images (a rollback then cannot
     * check or restore them), said once per read.
     */
    private static void check(RecordRead read, RowResult answer, boolean failing) {
        if (!answer.ok() && failing) {
            throw new ReadFailed("reading it through " + read.query() + " failed: " + answer.errors().get(0)
                    .getMessage());
        }
        if (!answer.ok()) {
            LOG.warnf("Reading records through %s for a later rollback failed, so these rows keep no image: %s",
                    read.query(), answer.errors().get(0).getMessage());
        }
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
