package dev.intake.customfield;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.template.CustomColumns;
import dev.intake.template.CustomFieldSlot;
import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/** One template column per custom field, read from the database each time, so a new field shows at once. */
@ApplicationScoped
public class CustomFieldColumns implements CustomColumns {

    @Inject
    CustomFieldStore store;

    @Override
    public List<TemplateColumn> columns(String organisation, CustomFieldSlot slot) {
        return store.list(organisation, slot.entity()).stream().map(definition -> column(slot, definition)).toList();
    }

    private static TemplateColumn column(CustomFieldSlot slot, CustomFieldDefinition definition) {
        FieldType type = switch (definition.type()) {
            case TEXT -> FieldType.TEXT;
            case NUMBER -> FieldType.NUMBER;
            case DATE -> FieldType.DATE;
            case BOOLEAN -> FieldType.BOOLEAN;
            case FIXED -> FieldType.FIXED;
        };
        return new TemplateColumn(definition.name(), slot.path() + "/" + definition.name(),
                "Custom field of " + definition.entity() + ": " + CustomFieldValues.expectation(definition), type,
                "String", definition.required(), definition.allowedValues(), null, true, List.of());
    }
}
