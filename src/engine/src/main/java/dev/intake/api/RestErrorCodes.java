package dev.intake.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every {@code error_code} that Intake's REST endpoints answer, and when: the OpenAPI document lists them, and a test
 * holds the list to the codes the code can throw.
 */
public final class RestErrorCodes {

    /** By code, when it is answered, in the order of their HTTP statuses. */
    public static final Map<String, String> ALL = codes();

    private RestErrorCodes() {
    }

    private static Map<String, String> codes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("missing-file", "400: the multipart form has no field 'file'");
        codes.put("missing-template", "400: the form field 'template' is missing");
        codes.put("unknown-template", "400 or 404: no template has that name");
        codes.put("empty-file", "400: the file has no bytes");
        codes.put("unsupported-file", "400: the file is neither CSV, NDJSON nor an Excel workbook");
        codes.put("format-mismatch", "400: the file's content does not match the format asked for or its name");
        codes.put("not-a-workbook", "400: a sheet was asked for, but the file is not a workbook");
        codes.put("unknown-sheet", "400: the workbook has no sheet of that name");
        codes.put("unreadable-workbook", "400: the workbook could not be read");
        codes.put("unreadable-file", "400: the file's header could not be read");
        codes.put("invalid-format", "400: the form field 'format' is not csv, ndjson or xlsx");
        codes.put("invalid-delimiter", "400: the form field 'delimiter' is not comma, semicolon or tab");
        codes.put("invalid-dry-run", "400: the form field 'dryRun' is not true or false");
        codes.put("invalid-mapping", "400: the form field 'mapping' is not auto or review");
        codes.put("invalid-value", "400: a value of the request is not what was expected");
        codes.put("invalid-error-type", "400: a retry names an error type that does not exist");
        codes.put("invalid-outcome", "400: the records file's outcome is not CREATED or UPDATED");
        codes.put("set-order", "400: two files of a set create the same records, or files of a set wait for each other");
        codes.put("template-count", "400: a set's form has not one template per file");
        codes.put("template-not-found", "400: a file of a set uploaded with auto matches no template, or several");
        codes.put("no-template-sheet", "400: no sheet of a workbook uploaded as a set names a template");
        codes.put("invalid-sheet-template", "400: a set's form field 'sheetTemplate' is not Sheet=template");
        codes.put("lookup-failed", "400: a referenced record could not be found");
        codes.put("unknown-role", "400: a role named in the request does not exist");
        codes.put("unauthorized", "401: no valid bearer token");
        codes.put("forbidden", "403: the token's roles or organisation do not allow this");
        codes.put("not-found", "404: nothing is at that address");
        codes.put("batch-not-found", "404: no batch of the caller's organisation has that ID");
        codes.put("method-not-allowed", "405: the address does not take that method");
        codes.put("not-acceptable", "406: the answer cannot be given in the type asked for");
        codes.put("conflict", "409: the request conflicts with the batch's state");
        codes.put("duplicate-import", "409: the same file is already pending or running for the template");
        codes.put("batch-purged", "410: the batch's files and rows were deleted after their retention period");
        codes.put("file-too-large", "413: the file is larger than the server accepts");
        codes.put("unsupported-media-type", "415: the request's body is not of a type the endpoint takes");
        codes.put("internal-error", "500: the server failed; its log has the details");
        return Collections.unmodifiableMap(codes);
    }
}
