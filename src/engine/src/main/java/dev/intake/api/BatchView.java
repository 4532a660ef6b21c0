package dev.intake.api;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.batch.BatchLinks;
import dev.intake.batch.BatchSource;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;
import dev.intake.file.FileFormat;

/**
 * An import batch as the outside world sees it: the GraphQL type {@code ImportBatch}, and the JSON of the REST
 * upload answer and of {@code GET /imports/{id}}.
 */
@Type("IntakeImportBatch")
@Description("One uploaded file and what became of it")
public record BatchView(
        @Id @NonNull String id,
        @NonNull @Description("The template (mutation) the file was imported with") String template,
        @Description("Whether this server still offers the template; when it no longer does, the batch's history, "
                + "counts and files stay readable, but it cannot be started or mapped") boolean templateAvailable,
        @NonNull String filename,
        @Description("Size of the file in bytes") long fileSize,
        @NonNull @Description("How the file was read: CSV, NDJSON or XLSX") FileFormat format,
        @Description("For a CSV file, its separator: comma, semicolon or tab") String delimiter,
        @Description("For a workbook, the sheet the upload named; null for the first sheet") String sheet,
        @NonNull BatchStatus status,
        @Description("Whether the batch only checks its rows and commits nothing") boolean dryRun,
        @NonNull BatchSource source,
        @Description("The email the file came in, for files sent by email") String emailRecord,
        @NonNull @Description("Who uploaded the file; its rows run as this user") String createdBy,
        @Description("Where the upload came from") String clientAddress,
        @NonNull @Description("SHA-256 of the file, in hex") String sha256,
        @NonNull Instant createdAt,
        @Description("When validation started") Instant startedAt,
        @Description("When the batch reached its final status") Instant endedAt,
        @Description("Data rows in the file, once validated") Integer totalRows,
        @Description("Rows run so far") int processedRows,
        @Description("Rows imported") int successCount,
        @Description("Rows that failed") int errorCount,
        @Description("Rows that created a record (in a dry run: would create)") int createdCount,
        @Description("Rows that changed an existing record (in a dry run: would change)") int updatedCount,
        @Description("Of the failed rows, those sent to a remote target whose outcome is unknown (OUTCOME_UNKNOWN): "
                + "the answer was lost, so whether the target wrote them is for a person to check; never sent again")
        int unknownCount,
        @Description("Why the batch waits for its remote target (throttled, credentials refused, unreachable)")
        String pauseReason,
        @Description("Until when the batch waits; null while paused until the target accepts again or an admin "
                + "resumes it") Instant pausedUntil,
        @Description("The remote target the rows go to, such as crm; null for this application's own schema")
        String target,
        @Description("Why the batch failed, for file-level failures, or a warning given when it started") String message,
        @Description("When the batch's files and rows were deleted under the retention rule") Instant purgedAt,
        @Id @Description("The ID of the batch whose failed rows this one retries; null for a first import") String parentId,
        @NonNull @Description("The batch and its files on the REST API") BatchLinks links,
        @NonNull @Description("The same as links.original") String originalFileUrl,
        @NonNull @Description("The same as links.exceptions") String exceptionsUrl,
        @NonNull @Description("The same as links.results") String resultsUrl) {

    /** The batch, and whether the server still offers its template. */
    static BatchView of(ImportBatch batch, boolean templateAvailable) {
        BatchLinks links = BatchLinks.of(batch.id());
        return new BatchView(batch.id().toString(), batch.template(), templateAvailable, batch.filename(), batch.fileSize(),
                batch.format(), batch.format() == FileFormat.CSV ? batch.readOptions().delimiterName() : null,
                batch.format() == FileFormat.XLSX ? batch.readOptions().sheet() : null,
                batch.status(), batch.dryRun(), batch.source(), batch.emailRecord(), batch.createdBy(),
                batch.clientAddress(), batch.sha256(), batch.createdAt(), batch.startedAt(), batch.endedAt(),
                batch.totalRows(), Math.toIntExact(batch.processedRows()), Math.toIntExact(batch.successCount()),
                Math.toIntExact(batch.errorCount()), Math.toIntExact(batch.createdCount()),
                Math.toIntExact(batch.updatedCount()), Math.toIntExact(batch.unknownCount()),
                batch.pause() == null ? null : batch.pause().reason(), batch.pause() == null ? null : batch.pause().until(),
                batch.target(), batch.message(), batch.purgedAt(),
                batch.parent() == null ? null : batch.parent().toString(), links, links.original(),
                links.exceptions(), links.results());
    }

}
