package dev.intake.graphql;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import io.smallrye.graphql.api.ErrorExtensionProvider;

/** Adds the {@code field} extension to GraphQL errors: the input field a user-facing error is about. */
public class ErrorFieldExtension implements ErrorExtensionProvider {

    @Override
    public String getKey() {
        return "field";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        String field = UserFacingErrors.field(exception);
        return field == null ? JsonValue.NULL : Json.createValue(field);
    }
}
