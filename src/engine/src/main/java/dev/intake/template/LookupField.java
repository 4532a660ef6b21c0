package dev.intake.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a Lookup column refers to: the records of an entity, matched on one of their fields (then by ID), as
 * the schema's {@code @lookup(entity:, field:)} directive says. Written {@code lookup(entity, field)} in a
 * template's row 4, and in the layout stored with a batch.
 */
public record LookupField(String entity, String field) {

    private static final String PREFIX = "lookup(";

    /** The written form, {@code lookup(categories, name)}. */
    @JsonValue
    public String text() {
        return PREFIX + entity + ", " + field + ")";
    }

    /** Reads the written form back, as layouts stored with batches hold it. */
    @JsonCreator
    public static LookupField parse(String text) {
        if (text == null || !text.startsWith(PREFIX) || !text.endsWith(")")) {
            throw new IllegalArgumentException("'" + text + "' is not of the form lookup(entity, field)");
        }
        String[] parts = text.substring(PREFIX.length(), text.length() - 1).split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not of the form lookup(entity, field)");
        }
        return new LookupField(parts[0].strip(), parts[1].strip());
    }

    @Override
    public String toString() {
        return text();
    }
}
