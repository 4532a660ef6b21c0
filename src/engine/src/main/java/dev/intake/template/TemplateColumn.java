package dev.intake.template;

import java.util.List;

/**
 * One column of a template: where its value goes in the mutation's variables and what it accepts.
 *
 * @param label row 1, for people
 * @param reference row 2, the path into the mutation's variables, such as {@code input/address/city}
 * @param description row 3, from the schema
 * @param type the kind of value
 * @param graphqlType the GraphQL leaf type the value is coerced to, such as {@code Int} or {@code ProductStatus}
 * @param required whether a row must give a value
 * @param allowedValues the values of a Fixed column, empty otherwise
 * @param lookup what a Lookup column refers to, {@code null} for other columns
 * @param customField whether the column is a custom field defined at run time, not a field of the schema
 * @param aliases other names a file's header may give it (the schema's {@code @importAliases})
 */
public record TemplateColumn(
        String label,
        String reference,
        String description,
        FieldType type,
        String graphqlType,
        boolean required,
        List<String> allowedValues,
        LookupField lookup,
        boolean customField,
        List<String> aliases) {

    public TemplateColumn {
        allowedValues = List.copyOf(allowedValues);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Row 4 of the template, such as {@code Fixed: ACTIVE, INACTIVE (Required)}. */
    public String typeDescription() {
        String kind = switch (type) {
            case FIXED -> type.label() + ": " + String.join(", ", allowedValues);
            case LOOKUP -> type.label() + ": " + lookup.text();
            default -> type.label();
        };
        return kind + (required ? " (Required)" : " (Optional)");
    }

    /** The reference split into its segments: the argument name, then field names. */
    public List<String> path() {
        return List.of(reference.split("/"));
    }

    /** The last segment of the reference: the plain field name. */
    public String fieldName() {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }
}
