package dev.intake.imports;

import java.nio.file.Path;

import dev.intake.batch.BatchSource;
import dev.intake.file.ReadRequest;

/**
 * A file a caller hands in: the template it is for, its name and where its bytes are on local disk, how it came,
 * and whether it is only to be checked.
 *
 * @param emailRecord the email it came in, for files sent by email; {@code null} otherwise
 * @param clientAddress where the request came from, when known
 * @param reviewMapping whether a person reviews the mapping of its columns however sure the proposal
 * @param read how the uploader asked for the file to be read
 * @param parent the batch whose failed rows the file corrects, as the uploader named it, or {@code null}
 */
public record UploadRequest(String template, String filename, Path file, BatchSource source, String emailRecord,
        String clientAddress, boolean dryRun, boolean reviewMapping, ReadRequest read, String parent) {
}
