package dev.intake.mapping;

import java.util.Map;

import dev.intake.file.LookupPolicy;

/**
 * A person's choice for one column of a file waiting in MAPPING.
 *
 * @param column the column's number, from 1
 * @param field the template reference it fills, such as {@code input/emailAddress}; {@code null} with ignore
 * @param ignore whether the column is not imported
 * @param values cell values of the column mapped to values its field accepts, such as {@code Prospect → LEAD}, or
 *        for a lookup field to an existing record's name
 * @param lookupPolicy for a lookup field, what happens when a value matches no record; {@code null} for the default,
 *        {@link LookupPolicy#FAIL}
 */
public record MappingChoice(int column, String field, boolean ignore, Map<String, String> values,
        LookupPolicy lookupPolicy) {

    public MappingChoice {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public MappingChoice(int column, String field, boolean ignore, Map<String, String> values) {
        this(column, field, ignore, values, null);
    }
}
