package dev.intake.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.intake.file.FileFormat;
import dev.intake.file.ReadOptions;
import dev.intake.security.Uploader;

/**
 * One uploaded file and what became of it. While a batch runs, its counts are summed from its finished chunks;
 * once it ends, they are stored with it.
 *
 * @param format the file's format, as the upload sniffer decided it
 * @param createdBy the uploader's user name; the batch's rows run as this user
 * @param createdByRoles the uploader's roles at upload time
 * @param organisation the uploader's organisation, which owns the batch and every record it writes
 * @param clientAddress where the upload came from
 * @param dryRun whether the batch only checks its rows, committing nothing
 * @param unknownCount of the failed rows, those sent to a remote target whose outcome is unknown
 * @param purgedAt when its files and rows were deleted under the retention rule, or {@code null}
 * @param pause why and until when the batch waits for its remote target, or {@code null}
 * @param parent the batch whose failed rows this one retries (a retry, or a corrected exceptions file), or
 *        {@code null}
 */
public record ImportBatch(
        UUID id,
        String template,
        String filename,
        long fileSize,
        String sha256,
        FileFormat format,
        ReadOptions readOptions,
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
        long unknownCount,
        Instant purgedAt,
        BatchPause pause,
        UUID parent) {

    public ImportBatch {
        createdByRoles = List.copyOf(createdByRoles);
    }

    /** The remote target the rows go to: a remote template is named {@code <target>.<mutation>}; else {@code null}. */
    public String target() {
        int dot = template.indexOf('.');
        return dot > 0 ? template.substring(0, dot) : null;
    }

    /** The same new batch, as a child of {@code parentId}. */
    public ImportBatch withParent(UUID parentId) {
        return new ImportBatch(id, template, filename, fileSize, sha256, format, readOptions, source, emailRecord,
                createdBy, createdByRoles, organisation, clientAddress, dryRun, status, message, createdAt, startedAt,
                endedAt, totalRows, processedRows, successCount, errorCount, createdCount, updatedCount, unknownCount,
                purgedAt, pause, parentId);
    }

    /**
     * A file as it was received and stored, before anything ran.
     *
     * @param template the template (mutation) it is for
     * @param filename its name as the uploader gave it
     * @param size its length in bytes
     * @param sha256 the SHA-256 of its bytes, in hex
     * @param format its format
     * @param readOptions how it is read besides its format
     */
    public record ReceivedFile(String template, String filename, long size, String sha256, FileFormat format,
            ReadOptions readOptions) {
    }

    /**
     * A new batch of a received file, PENDING and with nothing counted yet.
     *
     * @param emailRecord the email the file came in, for files sent by email; {@code null} otherwise
     * @param clientAddress where the upload came from, when known
     */
    public static ImportBatch pending(UUID id, ReceivedFile file, BatchSource source, String emailRecord,
            Uploader uploader, String clientAddress, boolean dryRun, Instant createdAt) {
        return new ImportBatch(id, file.template(), file.filename(), file.size(), file.sha256(), file.format(),
                file.readOptions(), source,
                emailRecord, uploader.user(), uploader.roles(), uploader.organisation(), clientAddress, dryRun,
                BatchStatus.PENDING, null, createdAt, null, null, null, 0, 0, 0, 0, 0, 0, null, null, null);
    }
}
