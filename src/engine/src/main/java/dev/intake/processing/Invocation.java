package dev.intake.processing;

import java.util.List;
import java.util.Map;

import dev.intake.target.ErrorClassifier;
import dev.intake.target.RowFailure;
import dev.intake.target.RowResult;

/**
 * The outcome of one row's mutation for the engine: the written record's ID and, when the result says, whether it
 * was created, with the answer itself; or why it failed.
 */
record Invocation(String entityId, Boolean created, RowFailure failure, Map<?, ?> answer) {

    Invocation(String entityId, Boolean created, RowFailure failure) {
        this(entityId, created, failure, null);
    }

    /**
     * Reads a row's result: the ID of the written record, and whether it was created when the result says; its errors,
     * as the target's classifier reads them.
     */
    static Invocation of(RowResult result, ErrorClassifier errors) {
        if (!result.ok()) {
            return failed(errors.classify(result.errors()));
        }
        Object value = result.value();
        if (value instanceof Map<?, ?> object) {
            Object id = object.get("id");
            Object created = object.get("created");
            return new Invocation(id == null ? null : String.valueOf(id), created instanceof Boolean flag ? flag : null,
                    null, object);
        }
        return new Invocation(value == null || value instanceof List<?> ? null : String.valueOf(value), null, null);
    }

    static Invocation failed(RowFailure failure) {
        return new Invocation(null, null, failure);
    }

    boolean ok() {
        return failure == null;
    }
}
