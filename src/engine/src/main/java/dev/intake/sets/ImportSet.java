package dev.intake.sets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Several files imported together, each a batch, run in the order their lookups need.
 *
 * @param workbook the workbook whose sheets the files are, or {@code null} for separate files
 * @param ignoredSheets the workbook's sheets that named no template and were left out
 */
public record ImportSet(UUID id, String organisation, String createdBy, Instant createdAt, boolean dryRun,
        String workbook, List<String> ignoredSheets) {

    public ImportSet {
        ignoredSheets = List.copyOf(ignoredSheets);
    }
}
