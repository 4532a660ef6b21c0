package dev.intake.console;

import java.time.Instant;
import java.util.List;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;
import dev.intake.sets.ImportSets;

/**
 * An import set on the Imports page: one row, with the worst status of its batches and their summed counts, that opens
 * into its batches in the order they run.
 */
public record SetRow(String id, String title, String statusWord, String badge, Instant createdAt, String createdBy,
        long successCount, long errorCount, boolean dryRun, List<Member> batches) {

    /** One batch of the set, and the files it waits for. */
    public record Member(BatchRow row, String waitsFor) {
    }

    static SetRow of(ImportSets.SetState state) {
        BatchStatus status = state.status();
        List<ImportBatch> batches = state.batches();
        List<Member> members = batches.stream().map(batch -> new Member(BatchRow.of(batch),
                String.join(", ", state.waitsFor().getOrDefault(batch.id(), List.of()).stream()
                        .map(id -> batches.stream().filter(other -> other.id().equals(id)).findFirst()
                                .map(ImportBatch::filename).orElse(id.toString()))
                        .toList())))
                .toList();
        String title = state.set().workbook() != null ? state.set().workbook()
                : batches.size() + " files: " + String.join(", ", batches.stream().map(ImportBatch::filename).toList());
        return new SetRow(state.set().id().toString(), title, BatchRow.word(status), BatchRow.badge(status),
                state.set().createdAt(), state.set().createdBy(), state.sum(ImportBatch::successCount),
                state.sum(ImportBatch::errorCount), state.set().dryRun(), members);
    }

    public String successText() {
        return String.format(java.util.Locale.ROOT, "%,d", successCount);
    }

    public String errorText() {
        return String.format(java.util.Locale.ROOT, "%,d", errorCount);
    }
}
