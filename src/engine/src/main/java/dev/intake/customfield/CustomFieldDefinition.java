package dev.intake.customfield;

import java.util.List;

/** A custom field an organisation defined for an entity: its name, kind of value, and whether it is required. */
public record CustomFieldDefinition(String entity, String name, CustomFieldType type, boolean required,
        List<String> allowedValues) {

    public CustomFieldDefinition {
        allowedValues = List.copyOf(allowedValues);
    }
}
