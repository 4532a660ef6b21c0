package dev.intake.mapping;

/**
 * A person's choice for one column of a file waiting in MAPPING.
 *
 * @param column the column's number, from 1
 * @param field the template reference it fills, such as {@code input/emailAddress}; {@code null} with ignore
 * @param ignore whether the column is not imported
 * @param values cell values of the column mapped to values its field accepts, such as {@code Prospect → LEAD}
 */
public record MappingChoice(int column, String field, boolean ignore, java.util.Map<String, String> values) {

    public MappingChoice {
        values = values == null ? java.util.Map.of() : java.util.Map.copyOf(values);
    }
}
