package dev.intake.template;

import java.util.List;
import java.util.Optional;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;

/**
 * The hints of the application's own schema, from its directives: {@code @importAction}, {@code @lookup},
 * {@code @importAliases}, {@code @customFields}, and SmallRye's {@code @rolesAllowed}.
 */
final class DirectiveHints implements SchemaHints {

    static final DirectiveHints INSTANCE = new DirectiveHints();

    private static final String IMPORT_ACTION = "importAction";
    private static final String LOOKUP = "lookup";
    private static final String ALIASES = "importAliases";
    private static final String CUSTOM_FIELDS = "customFields";

    private DirectiveHints() {
    }

    @Override
    public Optional<Boolean> importable(GraphQLFieldDefinition mutation) {
        return SchemaDirectives.bool(mutation, IMPORT_ACTION, "importable");
    }

    @Override
    public Optional<String> entity(GraphQLFieldDefinition mutation) {
        return SchemaDirectives.string(mutation, IMPORT_ACTION, "entity");
    }

    @Override
    public Optional<String> action(GraphQLFieldDefinition mutation) {
        return SchemaDirectives.string(mutation, IMPORT_ACTION, "action");
    }

    @Override
    public UndoDeclaration undo(GraphQLFieldDefinition mutation) {
        return new UndoDeclaration(SchemaDirectives.string(mutation, IMPORT_ACTION, "undo").orElse(null),
                SchemaDirectives.string(mutation, IMPORT_ACTION, "restore").orElse(null),
                SchemaDirectives.string(mutation, IMPORT_ACTION, "read").orElse(null),
                SchemaDirectives.string(mutation, IMPORT_ACTION, "clear").orElse(null));
    }

    /** SmallRye GraphQL marks a mutation guarded by {@code @RolesAllowed} with a {@code @rolesAllowed} directive. */
    @Override
    public Optional<String> requiredRole(GraphQLFieldDefinition mutation) {
        return SchemaDirectives.string(mutation, "rolesAllowed", "value");
    }

    @Override
    public Optional<LookupField> lookup(String owner, GraphQLInputObjectField field) {
        if (!SchemaDirectives.has(field, LOOKUP)) {
            return Optional.empty();
        }
        return Optional.of(new LookupField(SchemaDirectives.string(field, LOOKUP, "entity").orElse("?"),
                SchemaDirectives.string(field, LOOKUP, "field").orElse("?")));
    }

    @Override
    public List<String> aliases(String owner, GraphQLInputObjectField field) {
        return SchemaDirectives.strings(field, ALIASES, "names");
    }

    @Override
    public Optional<String> customFields(GraphQLInputObjectField field) {
        return SchemaDirectives.has(field, CUSTOM_FIELDS)
                ? Optional.of(SchemaDirectives.string(field, CUSTOM_FIELDS, "entity").orElse(""))
                : Optional.empty();
    }

    @Override
    public FieldType columnType(String scalar) {
        return FieldType.ofScalar(scalar);
    }
}
