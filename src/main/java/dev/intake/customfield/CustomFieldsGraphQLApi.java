package dev.intake.customfield;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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
import dev.intake.template.ImportAction;

/** Defining custom fields at run time. Templates of the entity's mutations grow a column per field at once. */
@GraphQLApi
public class CustomFieldsGraphQLApi {

    /** The entities whose mutations carry custom fields. */
    static final List<String> ENTITIES = List.of("Contact");

    @Inject
    CustomFieldStore store;

    @Inject
    Caller caller;

    @Query
    @RolesAllowed({ Roles.IMPORT_VIEWER, Roles.IMPORT_ADMIN })
    @Description("The custom fields defined for an entity in the caller's organisation")
    public @NonNull List<@NonNull CustomFieldView> customFields(@NonNull String entity) {
        return store.list(caller.organisation(), entity).stream().map(CustomFieldView::of).toList();
    }

    @Mutation
    @RolesAllowed(Roles.IMPORT_ADMIN)
    @ImportAction(importable = false)
    @Description("Add a custom field to an entity of the caller's organisation")
    public CustomFieldView defineCustomField(@NonNull @Valid CustomFieldInput input) {
        if (!ENTITIES.contains(input.entity())) {
            throw new InvalidValueException("input/entity", "Custom fields can be added to " + String.join(", ", ENTITIES)
                    + ", not '" + input.entity() + "'");
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
}
