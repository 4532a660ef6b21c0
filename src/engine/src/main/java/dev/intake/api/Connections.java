package dev.intake.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.batch.BatchEvent;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.RowErrorType;

/** The Relay connection types of the import API. */
public final class Connections {

    private Connections() {
    }

    /** Where a page ends. */
    @Type("IntakePageInfo")
    public record PageInfo(boolean hasNextPage, String endCursor) {
    }

    @Type("IntakeImportBatchEdge")
    public record BatchEdge(@NonNull String cursor, @NonNull BatchView node) {
    }

    @Type("IntakeImportBatchConnection")
    @Description("A page of import batches, newest first")
    public record BatchConnection(@NonNull List<@NonNull BatchEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("IntakeImportFailure")
    @Description("A row that failed")
    public record Failure(
            @Description("The row's record number in the file; the first data row of a template is 5") long rowNumber,
            @NonNull RowErrorType errorType,
            @Description("The template reference of the field at fault, when known") String field,
            @NonNull @Description("What went wrong, naming the row and column") String message) {
    }

    @Type("IntakeImportBatchEvent")
    @Description("A status change of a batch")
    public record Event(@NonNull Instant at,
            @NonNull @Description("The user, or the worker instance, that made the change") String actor,
            @NonNull BatchStatus status,
            @Description("Why, or from where") String detail) {

        static Event of(BatchEvent event) {
            return new Event(event.at(), event.actor(), event.status(), event.detail());
        }
    }

    @Type("IntakeImportFailureEdge")
    public record FailureEdge(@NonNull String cursor, @NonNull Failure node) {
    }

    @Type("IntakeImportFailureConnection")
    @Description("A page of failed rows, in file order")
    public record FailureConnection(@NonNull List<@NonNull FailureEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("IntakeImportedRecord")
    @Description("A record a row of the batch created or updated")
    public record ImportedRecordNode(
            @Description("The row's record number in the file") long rowNumber,
            @NonNull @Description("The record's ID, as the mutation answered it") String entityId,
            @Description("Whether the row created or updated it; null for a mutation that says neither")
            dev.intake.batch.RowAction outcome) {
    }

    @Type("IntakeImportedRecordEdge")
    public record ImportedRecordEdge(@NonNull String cursor, @NonNull ImportedRecordNode node) {
    }

    @Type("IntakeImportedRecordConnection")
    @Description("A page of the records a batch wrote, in file order")
    public record ImportedRecordConnection(@NonNull List<@NonNull ImportedRecordEdge> edges,
            @NonNull PageInfo pageInfo) {
    }
}
