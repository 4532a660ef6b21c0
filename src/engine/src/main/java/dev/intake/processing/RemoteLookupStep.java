package dev.intake.processing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.remote.RemoteAnswer;
import dev.intake.remote.RemoteLookups;
import dev.intake.security.Uploader;
import dev.intake.target.RowFailure;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * Turns the lookup cells of a chunk's rows for a remote target into the IDs they name, before the rows are sent: the
 * chunk's distinct values of each lookup column in as few requests as the overlay's query allows, and what a batch
 * found kept for its next chunks. A value that names no record, or several, fails its row with {@code LOOKUP}.
 */
@ApplicationScoped
class RemoteLookupStep {

    /** How many batches' found IDs are kept. */
    private static final int BATCHES_CACHED = 16;
    /** How many found values one batch keeps. */
    private static final int VALUES_CACHED = 100_000;

    @Inject
    RemoteLookups lookups;

    private final Map<UUID, Map<String, List<String>>> found = Collections.synchronizedMap(
            new LinkedHashMap<>(BATCHES_CACHED, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Map<String, List<String>>> eldest) {
                    return size() > BATCHES_CACHED;
                }
            });

    /**
     * The rows with their lookups resolved, or why the target cannot answer now.
     *
     * @param notNow the target throttled, refused or could not be reached; {@code rows} is then {@code null}
     */
    record Step(List<PreparedRow> rows, RemoteAnswer notNow) {
    }

    Step resolve(UUID batchId, ImportTemplate template, List<PreparedRow> rows, Uploader uploader) {
        List<TemplateColumn> columns = template.columns().stream().filter(column -> column.lookup() != null).toList();
        if (columns.isEmpty()) {
            return new Step(rows, null);
        }
        Map<String, List<String>> cache = found.computeIfAbsent(batchId, id -> Collections.synchronizedMap(
                new LinkedHashMap<>()));
        // What this chunk's rows name, from the batch's cache and the new answers: trimming the cache cannot lose it.
        Map<String, List<String>> known = new java.util.HashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        for (TemplateColumn column : columns) {
            Set<String> wanted = new LinkedHashSet<>();
            for (PreparedRow row : rows) {
                if (row.decided() == null && RowValues.get(row.variables(), column.reference()) instanceof String value
                        && !value.isBlank()) {
                    List<String> cached = cache.get(key(column, value));
                    if (cached != null) {
                        known.put(key(column, value), cached);
                    } else {
                        wanted.add(value);
                    }
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            RemoteLookups.Found answer = lookups.find(template, column.reference(), wanted, uploader);
            if (answer instanceof RemoteLookups.Found.NotNow notNow) {
                return new Step(null, notNow.answer());
            }
            if (answer instanceof RemoteLookups.Found.Broken failure) {
                broken.put(column.reference(), failure.message());
                continue;
            }
            ((RemoteLookups.Found.Ids) answer).ids()
                    .forEach((value, records) -> known.put(key(column, value), List.copyOf(records)));
        }
        if (cache.size() + known.size() > VALUES_CACHED) {
            cache.clear();
        }
        cache.putAll(known);
        List<PreparedRow> resolved = new ArrayList<>(rows.size());
        for (PreparedRow row : rows) {
            resolved.add(row.decided() == null ? resolve(template, columns, row, known, broken) : row);
        }
        return new Step(resolved, null);
    }

    private static PreparedRow resolve(ImportTemplate template, List<TemplateColumn> columns, PreparedRow row,
            Map<String, List<String>> cache, Map<String, String> broken) {
        Map<String, Object> variables = row.variables();
        for (TemplateColumn column : columns) {
            if (!(RowValues.get(variables, column.reference()) instanceof String value) || value.isBlank()) {
                continue;
            }
            String failure = broken.get(column.reference());
            List<String> ids = cache.get(key(column, value));
            if (failure == null && ids == null) {
                failure = "the lookup did not answer for '" + value + "'";
            } else if (failure == null && ids.isEmpty()) {
                failure = "no record of " + column.lookup().entity() + " has " + column.lookup().field() + " '"
                        + value + "'";
            } else if (failure == null && ids.size() > 1) {
                failure = ids.size() + " records of " + column.lookup().entity() + " have " + column.lookup().field()
                        + " '" + value + "'; the value must name one";
            }
            if (failure != null) {
                RowFailure lookup = new RowFailure(RowErrorType.LOOKUP, column.reference(), failure, true);
                return row.decide(RowOutcome.failed(row.rowNumber(), RowErrorType.LOOKUP, column.reference(),
                        lookup.message(row.rowNumber(), template.columns())));
            }
            variables = RowValues.with(variables, column.reference(), ids.get(0));
        }
        return new PreparedRow(row.rowNumber(), variables, null);
    }

    private static String key(TemplateColumn column, String value) {
        return column.reference() + '\u0000' + value;
    }
}
