package dev.intake.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One uploaded file and what became of it. While a batch runs, its counts are summed from its finished chunks;
 * once it ends, they are stored with it.
 *
 * @param createdBy the uploader's user name; the batch's rows run as this user
 * @param createdByRoles the uploader's roles at upload time
 * @param organisation the uploader's organisation, which owns the batch and every record it writes
 * @param clientAddress where the upload came from
 * @param dryRun whether the batch only checks its rows, committing nothing
 * @param purgedAt when its files and rows were deleted under the retention rule, or {@code null}
 */
public record ImportBatch(
        UUID id,
        String template,
        String filename,
        long fileSize,
        String sha256,
        BatchSource source,
        String emailRecord,
        String createdBy,
        List<String> createdByRoles,
        String organisation,
        String clientAddress,
        boolean dryRun,
        BatchStatus status,
        String message,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Integer totalRows,
        long processedRows,
        long successCount,
        long errorCount,
        long createdCount,
        long updatedCount,
        Instant purgedAt) {

    public ImportBatch {
        createdByRoles = List.copyOf(createdByRoles);
    }
}
