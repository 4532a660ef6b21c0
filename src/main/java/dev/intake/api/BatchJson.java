package dev.intake.api;

import java.time.Instant;

import dev.intake.batch.ImportBatch;

/** A batch as the REST API shows it: the upload answer, and {@code GET /imports/{id}}. */
public record BatchJson(
        String id,
        String status,
        boolean dryRun,
        String template,
        String filename,
        long fileSize,
        String source,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Integer totalRows,
        long processedRows,
        long successCount,
        long errorCount,
        long createdCount,
        long updatedCount,
        String message,
        Instant purgedAt,
        Links links) {

    /** Where to find the batch and its files. */
    public record Links(String self, String original, String exceptions, String results) {
    }

    static BatchJson of(ImportBatch batch) {
        String self = "/imports/" + batch.id();
        return new BatchJson(batch.id().toString(), batch.status().name(), batch.dryRun(), batch.template(),
                batch.filename(), batch.fileSize(), batch.source().name(), batch.createdBy(), batch.createdAt(),
                batch.startedAt(), batch.endedAt(), batch.totalRows(), batch.processedRows(), batch.successCount(),
                batch.errorCount(), batch.createdCount(), batch.updatedCount(), batch.message(), batch.purgedAt(), new Links(self, self + "/original", self + "/exceptions.csv", self + "/results.csv"));
    }
}
