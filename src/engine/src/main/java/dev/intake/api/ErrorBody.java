package dev.intake.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of every REST error: {@code {errors: [{error, error_code, message, details}]}}. */
public record ErrorBody(List<Item> errors) {

    /** One error: a short title, a stable code, a sentence for people, and what to do or know next. */
    public record Item(String error, @JsonProperty("error_code") String errorCode, String message, String details) {
    }

    public static ErrorBody of(String error, String code, String message, String details) {
        return new ErrorBody(List.of(new Item(error, code, message, details)));
    }
}
