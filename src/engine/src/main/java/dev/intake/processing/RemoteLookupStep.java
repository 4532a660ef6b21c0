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
import dev.intake.batch.RunSettings;
import dev.intake.file.LookupPolicy;
import dev.intake.file.Values;
import dev.intake.remote.RemoteAnswer;
import dev.intake.remote.RemoteLookups;
import dev.intake.security.Uploader;
import dev.intake.target.RowFailure;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * Turns the lookup cells of a chunk's rows for a remote target into the IDs they name, before the rows are sent: the
 * chunk's distinct values of each lookup column in as few requests as the overlay's query allows, and what a batch
 * found kept for its next chunks. A value that names no record, or several, fails its row with {@code LOOKUP}, unless
 * the batch's mapping gives the column a lookup policy: {@code blank} leaves an optional field out, and {@code create}
 * creates the record with the overlay's create mutation before the row is sent, once per value.
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

    Step resolve(UUID batchId, ImportTemplate template, List<PreparedRow> rows, Uploader uploader, RunSettings batch) {
        List<TemplateColumn> columns = template.columns().stream().filter(column -> column.lookup() != null).toList();
        if (columns.isEmpty()) {
            return new Step(rows, null);
        }
        Map<String, List<String>> cache = found.computeIfAbsent(batchId, id -> Collections.synchronizedMap(
                new LinkedHashMap<>()));
        // What this chunk's rows name, from the batch's cache and the new answers: trimming the cache cannot lose it.
        Map<String, List<String>> known = new java.util.HashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        Map<String, String> notCreated = new java.util.HashMap<>();
        Map<String, String> createdNotes = new java.util.HashMap<>();
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
            if (batch.layout().lookupPolicy(column.reference()) == LookupPolicy.CREATE && !batch.dryRun()) {
                RemoteAnswer notNow = create(template, column, wanted, uploader, known, notCreated, createdNotes,
                        cache);
                if (notNow != null) {
                    return new Step(null, notNow);
                }
            }
        }
        if (cache.size() + known.size() > VALUES_CACHED) {
            cache.clear();
        }
        cache.putAll(known);
        List<PreparedRow> resolved = new ArrayList<>(rows.size());
        Set<String> noted = new java.util.HashSet<>();
        for (PreparedRow row : rows) {
            resolved.add(row.decided() == null
                    ? resolve(template, columns, row, known, broken, batch, notCreated, createdNotes, noted)
                    : row);
        }
        return new Step(resolved, null);
    }

    /**
     * Creates, with the overlay's create mutation, the record of each wanted value that names none; once per value,
     * since a created record is kept at once in the batch's cache, and a value asked again is looked up first.
     *
     * @return why the target cannot answer now, or {@code null} when every value was settled
     */
    private RemoteAnswer create(ImportTemplate template, TemplateColumn column, Set<String> wanted, Uploader uploader,
            Map<String, List<String>> known, Map<String, String> notCreated, Map<String, String> createdNotes,
            Map<String, List<String>> cache) {
        for (String value : wanted) {
            String key = key(column, value);
            if (!known.getOrDefault(key, List.of()).isEmpty()) {
                continue;
            }
            RemoteLookups.Creation creation = lookups.create(template, column.reference(), value, uploader);
            if (creation instanceof RemoteLookups.Creation.NotNow notNow) {
                return notNow.answer();
            }
            if (creation instanceof RemoteLookups.Creation.Created created) {
                known.put(key, List.of(created.id()));
                cache.put(key, List.of(created.id()));
                createdNotes.put(key, "Created '" + Values.shorten(value) + "' in " + column.lookup().entity() + " ("
                        + LookupPolicy.CREATE.phrase() + ")");
            } else {
                notCreated.put(key, ((RemoteLookups.Creation.NotCreated) creation).message());
            }
        }
        return null;
    }

    private static PreparedRow resolve(ImportTemplate template, List<TemplateColumn> columns, PreparedRow row,
            Map<String, List<String>> cache, Map<String, String> broken, RunSettings batch,
            Map<String, String> notCreated, Map<String, String> createdNotes, Set<String> noted) {
        Map<String, Object> variables = row.variables();
        List<String> notes = new ArrayList<>();
        for (TemplateColumn column : columns) {
            if (!(RowValues.get(variables, column.reference()) instanceof String value) || value.isBlank()) {
                continue;
            }
            LookupPolicy policy = batch.layout().lookupPolicy(column.reference());
            String failure = broken.get(column.reference());
            List<String> ids = cache.get(key(column, value));
            if (failure == null && ids != null && ids.isEmpty() && policy == LookupPolicy.BLANK && !column.required()) {
                variables = LookupPolicies.without(variables, column.path());
                notes.add("Left out " + column.reference() + ": no record of " + column.lookup().entity()
                        + " matched '" + Values.shorten(value) + "' (" + LookupPolicy.BLANK.phrase() + ")");
                continue;
            }
            if (failure == null && ids != null && ids.isEmpty() && policy == LookupPolicy.CREATE && batch.dryRun()) {
                notes.add("Would create '" + Values.shorten(value) + "' in " + column.lookup().entity() + " ("
                        + LookupPolicy.CREATE.phrase() + ")");
                continue;
            }
            if (failure == null && notCreated.containsKey(key(column, value))) {
                failure = "creating '" + value + "' in " + column.lookup().entity() + " failed: "
                        + notCreated.get(key(column, value)) + " (" + LookupPolicy.CREATE.phrase() + ")";
            } else if (failure == null && ids == null) {
                failure = "the lookup did not answer for '" + value + "'";
            } else if (failure == null && ids.isEmpty()) {
                failure = "no record of " + column.lookup().entity() + " has " + column.lookup().field() + " '"
                        + value + "'" + (policy == null ? "" : " (" + policy.phrase() + ")");
            } else if (failure == null && ids.size() > 1) {
                failure = ids.size() + " records of " + column.lookup().entity() + " have " + column.lookup().field()
                        + " '" + value + "'; the value must name one";
            }
            if (failure != null) {
                RowFailure lookup = new RowFailure(RowErrorType.LOOKUP, column.reference(), failure, true);
                return row.decide(RowOutcome.failed(row.rowNumber(), RowErrorType.LOOKUP, column.reference(),
                        lookup.message(row.rowNumber(), template.columns())));
            }
            String created = createdNotes.get(key(column, value));
            if (created != null && noted.add(key(column, value))) {
                notes.add(created);
            }
            variables = RowValues.with(variables, column.reference(), ids.get(0));
        }
        return new PreparedRow(row.rowNumber(), variables, null, notes.isEmpty() ? null : String.join("; ", notes));
    }

    private static String key(TemplateColumn column, String value) {
        return column.reference() + '\u0000' + value;
    }
}
