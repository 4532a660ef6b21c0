package dev.intake.api;

import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.intake.batch.BatchSource;
import dev.intake.file.FileFormat;
import dev.intake.file.ReadRequest;
import dev.intake.imports.UploadRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * The multipart upload form as an {@link UploadRequest}, with the same refusals wherever it is posted: to the
 * API's {@code POST /imports} and to the console's wizard (as a {@code @BeanParam}). The file arrives already
 * streamed to disk by Quarkus REST, within {@code quarkus.http.limits.max-body-size}.
 */
public final class UploadForm {

    @RestForm("file")
    FileUpload file;

    @RestForm("template")
    String template;

    /** {@code true} to check the file without keeping anything. */
    @RestForm("dryRun")
    String dryRun;

    /** {@code auto} (the default) or {@code review}. */
    @RestForm("mapping")
    String mapping;

    /** {@code csv}, {@code ndjson} or {@code xlsx}, overriding what the file's first bytes and name say. */
    @RestForm("format")
    String format;

    /** The CSV separator: {@code comma}, {@code semicolon} or {@code tab}, or the character itself. */
    @RestForm("delimiter")
    String delimiter;

    /** The batch whose failed rows the file corrects, by ID. */
    @RestForm("parent")
    String parent;

    /** A workbook's sheet, by name. */
    @RestForm("sheet")
    String sheet;

    public UploadRequest toRequest(HttpServerRequest request) {
        if (file == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "missing-file", "The form field 'file' is missing",
                    "Send the file as the multipart form field 'file'");
        }
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new UploadRequest(template, file.fileName(), file.uploadedFile(), BatchSource.UPLOAD, null, client,
                dryRun(dryRun), review(mapping), new ReadRequest(format(format), delimiter(delimiter),
                        sheet == null || sheet.isBlank() ? null : sheet),
                parent == null || parent.isBlank() ? null : parent.strip());
    }

    private static FileFormat format(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(FileFormat.values()).filter(known -> known.name().equalsIgnoreCase(value.strip()))
                .findFirst().orElseThrow(() -> new ApiException(Response.Status.BAD_REQUEST, "invalid-format",
                        "The form field 'format' is '" + value + "'; expected one of " + String.join(", ", Arrays
                                .stream(FileFormat.values()).map(known -> known.name().toLowerCase(Locale.ROOT))
                                .toList()), null));
    }

    private static Character delimiter(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value.equals("\t") ? "tab" : value.strip().toLowerCase(Locale.ROOT)) {
            case "comma", "," -> ',';
            case "semicolon", ";" -> ';';
            case "tab", "\\t" -> '\t';
            default -> throw new ApiException(Response.Status.BAD_REQUEST, "invalid-delimiter",
                    "The form field 'delimiter' is '" + value + "'; expected comma, semicolon or tab", null);
        };
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
