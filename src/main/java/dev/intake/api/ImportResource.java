package dev.intake.api;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.intake.batch.BatchSource;
import dev.intake.batch.BatchStore;
import dev.intake.batch.FileIntake;
import dev.intake.batch.FileStore;
import dev.intake.batch.ImportBatch;
import dev.intake.config.IntakeConfig;
import dev.intake.report.ReportFiles;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.security.Uploader;
import io.vertx.core.http.HttpServerRequest;

/**
 * Uploads and downloads of import files, within the caller's organisation. Statuses and failures are also on
 * GraphQL.
 */
@Path("/imports")
@RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
public class ImportResource {

    @Inject
    FileIntake intake;

    @Inject
    BatchStore batches;

    @Inject
    FileStore files;

    @Inject
    ReportFiles reports;

    @Inject
    Caller caller;

    @Inject
    IntakeConfig config;

    @POST
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("template") String template,
            @RestForm("dryRun") String dryRun, @Context HttpServerRequest request) {
        if (file == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "missing_file", "The form field 'file' is missing",
                    "Send the CSV file as the multipart form field 'file'");
        }
        Uploader uploader = new Uploader(caller.user(), List.copyOf(caller.roles()), caller.organisation());
        ImportBatch batch = intake.submit(new FileIntake.Submission(template, file.fileName(), file.uploadedFile(),
                BatchSource.UPLOAD, null, uploader, request.remoteAddress() == null ? null
                        : request.remoteAddress().hostAddress(), dryRun(dryRun)));
        return Response.accepted(BatchJson.of(batch)).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public BatchJson batch(@PathParam("id") String id) {
        return BatchJson.of(find(id));
    }

    @GET
    @Path("{id}/original")
    public Response original(@PathParam("id") String id) {
        ImportBatch batch = withFiles(find(id));
        StreamingOutput body = out -> {
            try (InputStream in = files.open(batch.id())) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, "text/csv")
                .header(HttpHeaders.CONTENT_DISPOSITION, CsvDownloads.attachment(batch.filename()))
                .header(HttpHeaders.CONTENT_LENGTH, batch.fileSize())
                .build();
    }

    @GET
    @Path("{id}/exceptions.csv")
    public Response exceptions(@PathParam("id") String id) {
        ImportBatch batch = withFiles(find(id));
        return report(batch, "exceptions", out -> reports.writeExceptions(batch, out));
    }

    @GET
    @Path("{id}/results.csv")
    public Response results(@PathParam("id") String id) {
        ImportBatch batch = withFiles(find(id));
        return report(batch, "results", out -> reports.writeResults(batch, out));
    }

    private static Response report(ImportBatch batch, String kind, StreamingOutput body) {
        String name = batch.filename().replaceFirst("(?i)\\.csv$", "") + "-" + kind + ".csv";
        return Response.ok(body, CsvDownloads.CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, CsvDownloads.attachment(name))
                .build();
    }

    /** The batch, when its files still exist; 410 Gone once the retention rule deleted them. */
    private ImportBatch withFiles(ImportBatch batch) {
        if (batch.purgedAt() == null) {
            return batch;
        }
        throw new ApiException(Response.Status.GONE, "purged", "The files and rows of batch " + batch.id()
                + " were deleted on " + batch.purgedAt() + ", " + config.retention().days() + " days after it ended",
                "Its status and counts are still on GET /imports/" + batch.id());
    }

    private static boolean dryRun(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ApiException(Response.Status.BAD_REQUEST, "invalid_dry_run", "The form field 'dryRun' is '"
                + value + "'; expected true or false", null);
    }

    private ImportBatch find(String id) {
        try {
            return batches.findInOrganisation(UUID.fromString(id), caller.organisation())
                    .orElseThrow(() -> ApiException.batchNotFound(id));
        } catch (IllegalArgumentException e) {
            throw ApiException.batchNotFound(id);
        }
    }
}
