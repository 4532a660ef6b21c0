package dev.intake.mapping;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.batch.BatchStore;
import dev.intake.db.Jdbc;
import dev.intake.file.LookupPolicy;
import dev.intake.template.HeaderKey;

/**
 * What an organisation mapped before, per template: saved mappings by the exact set of a file's headers, and
 * per header what it was last mapped to; plus a batch's proposal and mapping as stored on it. No organisation
 * reads another's.
 */
@ApplicationScoped
public class MappingStore {

    static final double SAVED = 1.0;
    static final double BEFORE = 0.92;

    @Inject
    Jdbc jdbc;

    @Inject
    BatchStore batches;

    @Inject
    ObjectMapper json;

    /** The organisation's memory for these headers: its saved mapping of the same headers, else its history. */
    public ColumnMatcher.Memory memory(String organisation, String template, List<String> headers) {
        Optional<Map<String, ColumnMatcher.Remembered>> saved = jdbc.first("""
                select columns::text as columns, batch_id from intake.saved_mapping
                where organisation = ? and template = ? and header_signature = ?
                """, row -> savedColumns(row.getString("columns"), Jdbc.uuid(row, "batch_id")), organisation, template,
                signature(headers));
        if (saved.isPresent()) {
            Map<String, ColumnMatcher.Remembered> byHeader = saved.get();
            return header -> Optional.ofNullable(byHeader.get(header));
        }
        Map<String, ColumnMatcher.Remembered> history = new HashMap<>();
        jdbc.list("select header_key, reference, batch_id from intake.header_memory where organisation = ? and template = ?",
                row -> history.put(row.getString("header_key"), remembered(row.getString("reference"),
                        Jdbc.uuid(row, "batch_id"))), organisation, template);
        return header -> Optional.ofNullable(history.get(header));
    }

    /** What a saved mapping keeps besides its columns: value maps and lookup policies, by field reference. */
    public record SavedChoices(Map<String, Map<String, String>> valueMaps, Map<String, LookupPolicy> lookupPolicies,
            String savedBy) {

        public static final SavedChoices NONE = new SavedChoices(Map.of(), Map.of(), null);
    }

    /** The value maps and lookup policies of the organisation's saved mapping of these headers; none without one. */
    public SavedChoices savedChoices(String organisation, String template, List<String> headers) {
        return jdbc.first("""
                select value_maps::text as value_maps, lookup_policies::text as lookup_policies, saved_by
                from intake.saved_mapping
                where organisation = ? and template = ? and header_signature = ?
                """, row -> new SavedChoices(read(row.getString("value_maps"), VALUE_MAPS),
                read(row.getString("lookup_policies"), POLICIES), row.getString("saved_by")), organisation, template, signature(headers))
                .orElse(SavedChoices.NONE);
    }

    private static final TypeReference<Map<String, Map<String, String>>> VALUE_MAPS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, LookupPolicy>> POLICIES = new TypeReference<>() {
    };

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable saved mapping: " + e.getMessage(), e);
        }
    }

    /** Remembers a person's mapping of these headers, per header; with {@code save}, for the whole set too. */
    public void remember(String organisation, String template, List<String> headers, ColumnMapping mapping,
            UUID batchId, String user, Instant now, boolean save) {
        Map<String, String> byHeader = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String key = HeaderKey.of(headers.get(i));
            if (key.isEmpty()) {
                continue;
            }
            String field = i < mapping.fields().size() ? mapping.fields().get(i) : null;
            byHeader.put(key, field);
            jdbc.update("""
                    insert into intake.header_memory (organisation, template, header_key, reference, batch_id, times)
                    values (?, ?, ?, ?, ?, 1)
                    on conflict (organisation, template, header_key) do update
                    set reference = excluded.reference, batch_id = excluded.batch_id, times = intake.header_memory.times + 1
                    """, organisation, template, key, field, batchId);
        }
        if (save) {
            jdbc.update("""
                    insert into intake.saved_mapping (organisation, template, header_signature, columns, value_maps,
                        lookup_policies, batch_id, saved_by, saved_at)
                    values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?)
                    on conflict (organisation, template, header_signature) do update
                    set columns = excluded.columns, value_maps = excluded.value_maps,
                        lookup_policies = excluded.lookup_policies, batch_id = excluded.batch_id,
                        saved_by = excluded.saved_by, saved_at = excluded.saved_at
                    """, organisation, template, signature(headers), write(byHeader), write(mapping.valueMaps()),
                    write(mapping.lookupPolicies()), batchId, user, now);
        }
    }

    /** The proposal a batch's file got, if the matcher ran for it. */
    public Optional<MappingProposal> proposal(UUID batchId) {
        String text = batches.mappingJson(batchId).proposal();
        return text == null ? Optional.empty() : Optional.of(read(text, MappingProposal.class));
    }

    /** The mapping a batch runs with, if it has one. */
    public Optional<ColumnMapping> mapping(UUID batchId) {
        String text = batches.mappingJson(batchId).mapping();
        return text == null ? Optional.empty() : Optional.of(read(text, ColumnMapping.class));
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable mapping: " + e.getMessage(), e);
        }
    }

    private Map<String, ColumnMatcher.Remembered> savedColumns(String text, UUID batchId) {
        try {
            Map<String, String> byHeader = json.readValue(text, new TypeReference<Map<String, String>>() {
            });
            Map<String, ColumnMatcher.Remembered> remembered = new HashMap<>();
            byHeader.forEach((header, field) -> remembered.put(header, new ColumnMatcher.Remembered(field, SAVED,
                    "saved mapping of batch " + shortId(batchId))));
            return remembered;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable saved mapping: " + e.getMessage(), e);
        }
    }

    private static ColumnMatcher.Remembered remembered(String field, UUID batchId) {
        return new ColumnMatcher.Remembered(field, BEFORE, (field == null ? "not imported before, in batch "
                : "mapped to this field before, in batch ") + shortId(batchId));
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    /**
     * The set of headers whose saved mapping the batch made, while that mapping is still the one saved for them; empty
     * when the batch saved none for this organisation and template.
     */
    public Optional<String> savedSignature(String organisation, String template, UUID batchId) {
        return jdbc.first("""
                select header_signature from intake.saved_mapping
                where organisation = ? and template = ? and batch_id = ?
                """, row -> row.getString("header_signature"), organisation, template, batchId);
    }

    /** The header keys of a signature, as {@link HeaderKey} makes them. */
    public static List<String> keys(String signature) {
        return signature.isEmpty() ? List.of() : List.of(signature.split("\u001f"));
    }

    /** The set of a file's headers, whatever their order and case. */
    public static String signature(List<String> headers) {
        TreeSet<String> keys = new TreeSet<>();
        headers.stream().map(HeaderKey::of).filter(key -> !key.isEmpty()).forEach(keys::add);
        return String.join("\u001f", keys);
    }
}
