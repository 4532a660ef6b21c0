package dev.intake.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowAction;
import dev.intake.batch.RowErrorType;
import dev.intake.imports.ImportService;
import dev.intake.imports.UploadRequest;
import dev.intake.security.Roles;
import io.vertx.core.http.HttpServerRequest;

/**
 * Uploads and downloads of import files and templates, within the caller's organisation; it translates HTTP to and
 * from {@link ImportService}. Statuses and failures are also on GraphQL. Template downloads are
 * {@code GET /imports/templates/{name}.csv}, with {@code ?sample=true} for an example row.
 */
@Path("/imports")
@RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
@Tag(name = "Imports", description = "Upload files to import, download templates, and the files of each batch. "
        + "Statuses, counts and failures are also on GraphQL at /graphql")
@APIResponse(responseCode = "401", description = "No valid bearer token (error_code unauthorized)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this (error_code forbidden)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
public class ImportResource {

    // the media types downloads are sent with (see FileFormat), for the OpenAPI document; the endpoints declare none,
    // so that a refusal still answers its JSON error body whatever the request accepts
    private static final String CSV = "text/csv";
    private static final String NDJSON = "application/x-ndjson";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String BATCH_ID = "The batch's ID, as the upload answered it";

    @Inject
    ImportService imports;

    @POST
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file to import", description = "Takes a CSV, NDJSON or Excel file for a template and"
            + " answers its batch at once; the file is checked and its rows run in the background, as the uploader."
            + " Requires the import-admin role.")
    @APIResponse(responseCode = "202", description = "The batch, pending",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "The form or the file was refused; error_code says why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The same file is pending or running for the template"
            + " (error_code duplicate-import)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "The file is too large (error_code file-too-large)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response upload(@BeanParam UploadForm form, @Context HttpServerRequest request) {
        UploadRequest upload = form.toRequest(request);
        return Response.accepted(view(imports.upload(upload))).build();
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retry a batch's failed rows", description = "Makes a child batch of the finished batch's"
            + " failed rows, as they were staged, and runs it as the caller, as GraphQL's retryFailedRows does. Nothing"
            + " is uploaded again. Requires the import-admin role.")
    @APIResponse(responseCode = "202", description = "The child batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "An error type that a retry cannot change (PARSE,"
            + " OUTCOME_UNKNOWN) or does not exist",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The batch has not ended, was a dry run or rolled back, has no"
            + " failed row to retry, or its rows are being imported already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response retry(@Parameter(description = BATCH_ID) @PathParam("id") String id,
            @Parameter(description = "Only rows that failed with this error type, such as LOOKUP; repeat it for"
                    + " several") @QueryParam("errorType") java.util.List<String> errorTypes,
            @Parameter(description = "Only check the rows, committing nothing") @QueryParam("dryRun")
            @DefaultValue("false") boolean dryRun) {
        java.util.Set<RowErrorType> types = java.util.EnumSet.noneOf(RowErrorType.class);
        for (String type : errorTypes == null ? java.util.List.<String>of() : errorTypes) {
            try {
                types.add(RowErrorType.valueOf(type.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiException(Response.Status.BAD_REQUEST, "invalid-error-type", "The error type '" + type
                        + "' does not exist", "Give one of " + java.util.Arrays.toString(RowErrorType.values()));
            }
        }
        return Response.accepted(view(imports.retryFailedRows(id, types, dryRun))).build();
    }

    @GET
    @Path("templates/{name}.csv")
    @Operation(summary = "Download a template", description = "The template's CSV: four header rows (label, reference,"
            + " description, type and requirement), then data from row 5")
    @APIResponse(responseCode = "200", description = "The template",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No template has that name (error_code unknown-template)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response template(@Parameter(description = "The template's name, such as createProduct") @PathParam("name")
    String name, @Parameter(description = "Whether to add an example data row") @QueryParam("sample")
    @DefaultValue("false") boolean sample) {
        return Downloads.send(imports.templateFile(name, sample));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A batch", description = "Its status, counts and links, as GraphQL's importBatch gives them")
    @APIResponse(responseCode = "200", description = "The batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "404", description = "No batch of the caller's organisation has that ID"
            + " (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public BatchView batch(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return view(imports.get(id));
    }

    @GET
    @Path("{id}/original")
    @Operation(summary = "The uploaded file", description = "Byte for byte as it was uploaded")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "The batch's files were deleted under the retention rule"
            + " (error_code batch-purged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response original(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return Downloads.send(imports.original(id));
    }

    @GET
    @Path("{id}/exceptions.csv")
    @Operation(summary = "The failed rows, to fix and upload again", description = "The template's columns with the"
            + " failed rows as they were uploaded, and for each its error type, column and message")
    @APIResponse(responseCode = "200", description = "The exceptions file",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "The batch's rows were deleted (error_code batch-purged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response exceptions(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return Downloads.send(imports.exceptions(id));
    }

    @GET
    @Path("{id}/results.csv")
    @Operation(summary = "Every row's outcome", description = "One line per row: its number, whether it succeeded, the"
            + " record's ID and what the row did to it, or its error")
    @APIResponse(responseCode = "200", description = "The results file",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "The batch's rows were deleted (error_code batch-purged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response results(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return Downloads.send(imports.results(id));
    }

    @GET
    @Path("{id}/rollback.csv")
    @Operation(summary = "What a rollback did with each row", description = "One line per row the import committed:"
            + " its number, the record's ID, UNDONE, KEPT or FAILED (NOT_REACHED while the rollback runs, or after it"
            + " was cancelled), and why")
    @APIResponse(responseCode = "200", description = "The rollback results file",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found), or one never rolled"
            + " back (error_code not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "The batch's rows were deleted (error_code batch-purged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response rollbackResults(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return Downloads.send(imports.rollbackResults(id));
    }

    @GET
    @Path("{id}/rollback-preview.csv")
    @Operation(summary = "What a rollback would do with each row", description = "The latest rollback dry run"
            + " (rollbackImport with dryRun): one line per row a rollback would undo, with its number, the record's"
            + " ID, UNDONE, KEPT or FAILED (NOT_REACHED while the dry run runs), and why")
    @APIResponse(responseCode = "200", description = "The rollback dry run's file",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found), or one without a"
            + " rollback dry run (error_code not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "The batch's rows were deleted (error_code batch-purged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response rollbackPreview(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return Downloads.send(imports.rollbackPreviewResults(id));
    }

    @GET
    @Path("{id}/records.csv")
    @Operation(summary = "The records a batch wrote", description = "Row Number, Entity ID and Outcome (CREATED or"
            + " UPDATED) of each row that created or updated a record, in file order, as GraphQL's importBatch.records"
            + " gives them; rows a rollback undid are left out")
    @APIResponse(responseCode = "200", description = "The records",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "An outcome other than CREATED or UPDATED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response records(@Parameter(description = BATCH_ID) @PathParam("id") String id,
            @Parameter(description = "Only CREATED or only UPDATED records") @QueryParam("outcome") String outcome) {
        RowAction action = null;
        if (outcome != null && !outcome.isBlank()) {
            try {
                action = RowAction.valueOf(outcome.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiException(Response.Status.BAD_REQUEST, "invalid-outcome", "The outcome '" + outcome
                        + "' does not exist", "Give CREATED or UPDATED, or leave it out for both");
            }
        }
        return Downloads.send(imports.recordsFile(id, action));
    }

    @GET
    @Path("{id}/results.ndjson")
    @Operation(summary = "Every row's outcome, as NDJSON", description = "The results file, one JSON object per line")
    @APIResponse(responseCode = "200", description = "The results, one JSON object per row",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "The batch's rows were deleted (error_code batch-purged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response resultsNdjson(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return Downloads.send(imports.resultsNdjson(id));
    }

    @GET
    @Path("{id}/exceptions.xlsx")
    @Operation(summary = "The failed rows, as a workbook", description = "The exceptions file as an Excel workbook")
    @APIResponse(responseCode = "200", description = "The exceptions workbook", content = @Content(
            mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such batch (error_code batch-not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "The batch's rows were deleted (error_code batch-purged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response exceptionsXlsx(@Parameter(description = BATCH_ID) @PathParam("id") String id) {
        return Downloads.send(imports.exceptionsXlsx(id));
    }

    private BatchView view(ImportBatch batch) {
        return BatchView.of(batch, imports.offers(batch.template()));
    }

    /** Refusals and failures of these endpoints answer Intake's error body; a host's endpoints keep their own. */
    @ServerExceptionMapper
    public Response error(Exception failure) {
        return RestErrors.response(failure);
    }
}
