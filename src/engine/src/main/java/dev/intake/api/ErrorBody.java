package dev.intake.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of every REST error: {@code {errors: [{error, error_code, message, details}]}}. */
@Schema(name = "ErrorBody", description = "The body of every error of Intake's REST endpoints")
public record ErrorBody(@Schema(required = true) List<Item> errors) {

    /** One error: a short title, a stable code, a sentence for people, and what to do or know next. */
    @Schema(name = "ErrorItem", description = "One error")
    public record Item(
            @Schema(required = true, description = "The HTTP status's reason phrase, such as Bad Request") String error,
            @Schema(required = true, description = "A stable code for programs") @JsonProperty("error_code") String errorCode,
            @Schema(required = true, description = "What was wrong, for people: where, and what was expected")
            String message,
            @Schema(description = "What to do next, or more to know") String details) {
    }

    public static ErrorBody of(String error, String code, String message, String details) {
        return new ErrorBody(List.of(new Item(error, code, message, details)));
    }
}
