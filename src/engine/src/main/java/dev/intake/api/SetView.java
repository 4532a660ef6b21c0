package dev.intake.api;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.ImportBatch;
import dev.intake.sets.ImportSets;

/** An import set as the outside world sees it: the GraphQL type {@code ImportSet}, and the JSON of the REST API. */
@Type("IntakeImportSet")
@Description("Several files imported together, each a batch, run in the order their lookups need")
public record SetView(
        @Id @NonNull String id,
        @NonNull @Description("The worst status of its batches: FAILED before PARTIAL_SUCCESS before a running one"
                + " before COMPLETED") BatchStatus status,
        @Description("Whether its batches only check their rows") boolean dryRun,
        @Description("The workbook whose sheets its files are; null for separate files") String workbook,
        @NonNull @Description("The workbook's sheets that named no template and were left out")
        List<@NonNull String> ignoredSheets,
        @NonNull String createdBy,
        @NonNull Instant createdAt,
        @Description("Data rows of its validated files") long totalRows,
        @Description("Rows run so far") long processedRows,
        @Description("Rows imported") long successCount,
        @Description("Rows that failed") long errorCount,
        @Description("Rows that created a record") long createdCount,
        @Description("Rows that changed a record") long updatedCount,
        @NonNull @Description("Its batches in an order in which each comes after those it waits for")
        List<@NonNull SetMember> batches) {

    @Type("IntakeImportSetMember")
    @Description("A batch of a set, and the batches of the set it waits for: those that create the records its"
            + " lookups refer to")
    public record SetMember(@NonNull BatchView batch,
            @NonNull @Description("The IDs of the batches it waits for") List<@NonNull String> waitsFor) {
    }

    static SetView of(ImportSets.SetState state, Function<ImportBatch, BatchView> view) {
        return new SetView(state.set().id().toString(), state.status(), state.set().dryRun(), state.set().workbook(),
                state.set().ignoredSheets(), state.set().createdBy(), state.set().createdAt(),
                state.sum(batch -> batch.totalRows() == null ? 0 : batch.totalRows()),
                state.sum(ImportBatch::processedRows), state.sum(ImportBatch::successCount),
                state.sum(ImportBatch::errorCount), state.sum(ImportBatch::createdCount),
                state.sum(ImportBatch::updatedCount),
                state.batches().stream().map(batch -> new SetMember(view.apply(batch), state.waitsFor()
                        .getOrDefault(batch.id(), List.of()).stream().map(Object::toString).toList())).toList());
    }
}
