package dev.intake.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.intake.batch.RowErrorType;
import dev.intake.target.RowFailure;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * What a remote target's errors about a row mean in Intake's terms. The error type comes from
 * {@code extensions.code}: the common codes have defaults ({@code BAD_USER_INPUT}, {@code FORBIDDEN},
 * {@code NOT_FOUND}, PostgreSQL's unique violation {@code 23505} as PostGraphile passes it in
 * {@code extensions.exception.errcode}), the target's
 * {@code error-codes} override or add to them, and an error with no known code is VALIDATION: the target refused the
 * row. The field at fault is the template column its {@code field} (a path such as {@code ["input","email"]}, or a
 * name) names.
 */
final class RemoteErrors {

    static final Map<String, RowErrorType> DEFAULT_CODES = Map.ofEntries(
            Map.entry("BAD_USER_INPUT", RowErrorType.VALIDATION),
            Map.entry("GRAPHQL_VALIDATION_FAILED", RowErrorType.VALIDATION),
            Map.entry("INVALID", RowErrorType.VALIDATION),
            Map.entry("FORBIDDEN", RowErrorType.PERMISSION),
            Map.entry("ACCESS_DENIED", RowErrorType.PERMISSION),
            Map.entry("NOT_FOUND", RowErrorType.NOT_FOUND),
            Map.entry("CONFLICT", RowErrorType.CONFLICT),
            Map.entry("TAKEN", RowErrorType.CONFLICT),
            Map.entry("23505", RowErrorType.CONFLICT),
            Map.entry("23503", RowErrorType.NOT_FOUND),
            Map.entry("INTERNAL_SERVER_ERROR", RowErrorType.INTERNAL));

    private final Map<String, RowErrorType> codes;

    RemoteErrors(Map<String, String> overrides) {
        Map<String, RowErrorType> all = new java.util.HashMap<>(DEFAULT_CODES);
        overrides.forEach((code, type) -> all.put(code, RowErrorType.valueOf(type.toUpperCase(Locale.ROOT))));
        this.codes = Map.copyOf(all);
    }

    /** The failure of a row whose answer carried these GraphQL errors (at least one). */
    RowFailure ofGraphQLErrors(ImportTemplate template, JsonNode errors) {
        List<String> messages = new ArrayList<>();
        RowErrorType type = null;
        String field = null;
        for (JsonNode error : errors) {
            messages.add(error.path("message").asText("(no message)"));
            JsonNode extensions = error.path("extensions");
            if (type == null) {
                type = codes.get(code(error));
            }
            if (field == null) {
                field = field(template, extensions.path("field"));
            }
        }
        return new RowFailure(type == null ? RowErrorType.VALIDATION : type, field, String.join("; ", messages), true);
    }

    /**
     * An error's code: {@code extensions.code}, or PostgreSQL's error code as PostGraphile passes it with
     * {@code extendedErrors} ({@code extensions.exception.errcode}, or {@code errcode} beside the message in its
     * releases before 4.4).
     */
    private static String code(JsonNode error) {
        JsonNode extensions = error.path("extensions");
        for (JsonNode code : List.of(extensions.path("code"), extensions.path("exception").path("errcode"),
                error.path("errcode"))) {
            if (code.isValueNode() && !code.asText().isEmpty()) {
                return code.asText();
            }
        }
        return "";
    }

    /** The failure of a row whose answer listed input errors ({@code userErrors}) and wrote nothing. */
    RowFailure ofUserErrors(ImportTemplate template, JsonNode userErrors) {
        List<String> messages = new ArrayList<>();
        RowErrorType type = null;
        String field = null;
        for (JsonNode error : userErrors) {
            messages.add(error.path("message").asText("(no message)"));
            if (type == null && error.hasNonNull("code")) {
                type = codes.get(error.path("code").asText());
            }
            if (field == null) {
                field = field(template, error.path("field"));
            }
        }
        return new RowFailure(type == null ? RowErrorType.VALIDATION : type, field, String.join("; ", messages), true);
    }

    /** The template reference a field names: a path such as ["input", "email"], or a name such as email. */
    static String field(ImportTemplate template, JsonNode field) {
        String wanted;
        if (field.isArray() && !field.isEmpty()) {
            List<String> parts = new ArrayList<>();
            field.forEach(part -> parts.add(part.asText()));
            wanted = String.join("/", parts);
        } else if (field.isTextual() && !field.asText().isBlank()) {
            wanted = field.asText().replace('.', '/');
        } else {
            return null;
        }
        for (TemplateColumn column : template.columns()) {
            if (column.reference().equals(wanted)) {
                return column.reference();
            }
        }
        for (TemplateColumn column : template.columns()) {
            if (column.reference().endsWith("/" + wanted)) {
                return column.reference();
            }
        }
        return null;
    }
}
