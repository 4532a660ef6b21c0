package dev.intake.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.RowAction;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.remote.RemoteAnswer;
import dev.intake.remote.RemoteLookups;
import dev.intake.remote.RemoteSender;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;

/**
 * Decides what became of rows whose answers were lost, for a mutation whose overlay says how to find the record a row
 * made by a natural key ({@code find}, {@code findBy}): a row whose record is found succeeded, with its ID; a row
 * whose record is not found was not written, and is sent again; a row whose key finds several records, or that has no
 * key, is OUTCOME_UNKNOWN. Call it after the settle time, which lets a request still in the target's hands commit.
 */
@ApplicationScoped
class Reconciliation {

    @Inject
    RemoteLookups lookups;

    @Inject
    RemoteSender sender;

    /**
     * What the look-up decided.
     *
     * @param decided the rows found (SUCCESS) or left in doubt (OUTCOME_UNKNOWN)
     * @param again the rows whose record is not there: send them again
     * @param notNow why the target could not answer the look-up now (then nothing is decided), or {@code null}
     */
    record Result(List<RowOutcome> decided, List<PreparedRow> again, RemoteAnswer notNow) {
    }

    Result reconcile(ImportTemplate template, Uploader uploader, List<PreparedRow> rows, RowAction action) {
        String findBy = sender.findBy(template);
        Map<String, List<PreparedRow>> byKey = new LinkedHashMap<>();
        List<RowOutcome> decided = new ArrayList<>();
        for (PreparedRow row : rows) {
            if (RowValues.get(row.variables(), findBy) instanceof String key && !key.isBlank()) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            } else {
                decided.add(unknown(template, row, "its answer was lost, and it has no " + findBy + " to find its"
                        + " record by"));
            }
        }
        if (byKey.isEmpty()) {
            return new Result(decided, List.of(), null);
        }
        RemoteLookups.Found found = lookups.findMade(template, byKey.keySet(), uploader);
        if (found instanceof RemoteLookups.Found.NotNow notNow) {
            return new Result(List.of(), List.of(), notNow.answer());
        }
        List<PreparedRow> again = new ArrayList<>();
        byKey.forEach((key, keyRows) -> {
            if (found instanceof RemoteLookups.Found.Broken broken) {
                keyRows.forEach(row -> decided.add(unknown(template, row, "its answer was lost, and looking its"
                        + " record up failed: " + broken.message())));
                return;
            }
            List<String> ids = ((RemoteLookups.Found.Ids) found).ids().getOrDefault(key, List.of());
            if (ids.size() == 1) {
                // the first row with the key made the record; any other would be refused as its duplicate
                PreparedRow first = keyRows.get(0);
                decided.add(RowOutcome.succeeded(first.rowNumber(), ids.get(0), action, "Its answer was lost; found in"
                        + " target " + template.target() + " by " + findBy + " after the settle time, so it was not"
                        + " sent again"));
                again.addAll(keyRows.subList(1, keyRows.size()));
            } else if (ids.isEmpty()) {
                again.addAll(keyRows);
            } else {
                keyRows.forEach(row -> decided.add(unknown(template, row, "its answer was lost, and " + ids.size()
                        + " records of target " + template.target() + " have its " + findBy + " '" + key + "'")));
            }
        });
        again.sort(java.util.Comparator.comparingLong(PreparedRow::rowNumber));
        return new Result(decided, again, null);
    }

    private static RowOutcome unknown(ImportTemplate template, PreparedRow row, String why) {
        return RowOutcome.failed(row.rowNumber(), RowErrorType.OUTCOME_UNKNOWN, null, "Row " + row.rowNumber() + ": "
                + why + "; whether target " + template.target() + " wrote it is not known, so it is not sent again."
                + " Check it in " + template.target());
    }
}
