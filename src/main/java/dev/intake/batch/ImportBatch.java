package dev.intake.batch;

import java.time.Instant;
import java.util.UUID;

/**
 * One uploaded file and what became of it. While a batch runs, its counts are summed from its finished chunks;
 * once it ends, they are stored with it.
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
        BatchStatus status,
        String message,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Integer totalRows,
        long processedRows,
        long successCount,
        long errorCount) {
}
