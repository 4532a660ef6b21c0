package dev.intake.batch;

import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Where a batch and its files are on the REST API; the one place their paths are built. */
@Type("IntakeImportBatchLinks")
@Description("Where the batch and its files are on the REST API")
public record BatchLinks(
        @NonNull @Description("The batch as JSON") String self,
        @NonNull @Description("The file as uploaded") String original,
        @NonNull @Description("The failed rows, ready to fix and upload again") String exceptions,
        @NonNull @Description("The failed rows as an Excel workbook, the failed cells highlighted") String exceptionsXlsx,
        @NonNull @Description("Every row with its outcome") String results,
        @NonNull @Description("Every row with its outcome, one JSON object per line") String resultsNdjson) {

    public static BatchLinks of(UUID batchId) {
        String self = "/imports/" + batchId;
        return new BatchLinks(self, self + "/original", self + "/exceptions.csv", self + "/exceptions.xlsx",
                self + "/results.csv",
                self + "/results.ndjson");
    }
}
