package dev.intake.customfield;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A custom-field definition as GraphQL clients read it. */
@Type("IntakeCustomField")
@Description("A field an organisation added to an entity")
public record CustomFieldView(@NonNull String entity, @NonNull String name, @NonNull CustomFieldType type,
        boolean required, @NonNull List<@NonNull String> allowedValues) {

    static CustomFieldView of(CustomFieldDefinition definition) {
        return new CustomFieldView(definition.entity(), definition.name(), definition.type(), definition.required(),
                definition.allowedValues());
    }
}
