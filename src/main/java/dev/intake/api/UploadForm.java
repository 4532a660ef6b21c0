package dev.intake.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.intake.batch.BatchSource;
import dev.intake.imports.UploadRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * The multipart upload form ({@code file}, {@code template}, {@code dryRun}, {@code mapping}) as an
 * {@link UploadRequest}, with
 * the same refusals wherever it is posted: to the API's {@code POST /imports} and to the console's wizard.
 * The file arrives already streamed to disk by Quarkus REST, within {@code quarkus.http.limits.max-body-size}.
 */
public final class UploadForm {

    private UploadForm() {
    }

    public static UploadRequest toRequest(FileUpload file, String template, String dryRun, String mapping,
            HttpServerRequest request) {
        if (file == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "missing-file", "The form field 'file' is missing",
                    "Send the CSV file as the multipart form field 'file'");
        }
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new UploadRequest(template, file.fileName(), file.uploadedFile(), BatchSource.UPLOAD, null, client,
                dryRun(dryRun), review(mapping));
    }

    private static boolean review(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
            return false;
        }
        if (value.equalsIgnoreCase("review")) {
            return true;
        }
        throw new ApiException(Response.Status.BAD_REQUEST, "invalid-mapping", "The form field 'mapping' is '"
                + value + "'; expected auto or review", null);
    }

    private static boolean dryRun(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ApiException(Response.Status.BAD_REQUEST, "invalid-dry-run", "The form field 'dryRun' is '"
                + value + "'; expected true or false", null);
    }
}
