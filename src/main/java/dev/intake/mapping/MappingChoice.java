package dev.intake.mapping;

/**
 * A person's choice for one column of a file waiting in MAPPING.
 *
 * @param column the column's number, from 1
 * @param field the template reference it fills, such as {@code input/emailAddress}; {@code null} with ignore
 * @param ignore whether the column is not imported
 */
public record MappingChoice(int column, String field, boolean ignore) {
}
