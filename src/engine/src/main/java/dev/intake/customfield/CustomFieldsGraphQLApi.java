package dev.intake.customfield;

import java.util.List;
import java.util.Objects;

import jakarta.inject.Inject;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.intake.error.InvalidValueException;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.template.CustomFieldSlot;
import dev.intake.template.ImportAction;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;

/** Defining custom fields at run time. Templates of the entity's mutations grow a column per field at once. */
@GraphQLApi
public class CustomFieldsGraphQLApi {

    @Inject
    CustomFieldStore store;

    @Inject
    TemplateCatalog templates;

    @Inject
    Caller caller;

    @Query
    @Description("The custom fields defined for an entity in the caller's organisation")
    public @NonNull List<@NonNull CustomFieldView> customFields(@NonNull String entity) {
        caller.require(Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN);
        return store.list(caller.organisation(), entity).stream().map(CustomFieldView::of).toList();
    }

    @Mutation
    @ImportAction(importable = false)
    @Description("Add a custom field to an entity of the caller's organisation")
    public CustomFieldView defineCustomField(@NonNull @Valid CustomFieldInput input) {
        caller.require(Roles.IMPORT_ADMIN);
        List<String> entities = entitiesWithCustomFields();
        if (!entities.contains(input.entity())) {
            throw new InvalidValueException("input/entity", entities.isEmpty()
                    ? "No mutation of the schema carries custom fields (a @customFields input field), so none can be added"
                    : "Custom fields can be added to " + String.join(", ", entities) + ", not '" + input.entity() + "'");
        }
        List<String> allowed = input.allowedValues() == null ? List.of() : input.allowedValues();
        if ((input.type() == CustomFieldType.FIXED) == allowed.isEmpty()) {
            throw new InvalidValueException("input/allowedValues", "A FIXED field needs allowed values, and only a FIXED "
                    + "field may have them");
        }
        CustomFieldDefinition definition = new CustomFieldDefinition(input.entity(), input.name(), input.type(),
                input.required(), allowed);
        store.insert(caller.organisation(), definition);
        return CustomFieldView.of(definition);
    }

    /** The entities whose mutations' inputs carry custom fields, as the schema's {@code @customFields} fields say. */
    private List<String> entitiesWithCustomFields() {
        return templates.all().stream().map(ImportTemplate::customFieldSlot).filter(Objects::nonNull)
                .map(CustomFieldSlot::entity).distinct().sorted().toList();
    }
}
