package dev.intake.remote;

import java.util.List;
import java.util.Optional;

import dev.intake.template.FieldType;
import dev.intake.template.LookupField;
import dev.intake.template.SchemaHints;
import dev.intake.template.UndoDeclaration;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;

/**
 * A remote target's hints, from its overlay by schema coordinates. The standard scalars have their usual columns,
 * except an {@code ID}, which is Text: the target's IDs need not look like Intake's own. Every other scalar is Text unless the overlay names its column type, since only the target knows what its
 * {@code DateTime} or {@code Money} accepts.
 */
final class OverlayHints implements SchemaHints {

    private final Overlay overlay;

    OverlayHints(Overlay overlay) {
        this.overlay = overlay;
    }

    @Override
    public Optional<Boolean> importable(GraphQLFieldDefinition mutation) {
        return rule(mutation).map(Overlay.MutationRule::importable);
    }

    @Override
    public Optional<String> entity(GraphQLFieldDefinition mutation) {
        return rule(mutation).map(Overlay.MutationRule::entity);
    }

    @Override
    public Optional<String> action(GraphQLFieldDefinition mutation) {
        return rule(mutation).map(Overlay.MutationRule::action);
    }

    @Override
    public UndoDeclaration undo(GraphQLFieldDefinition mutation) {
        return rule(mutation).map(Overlay.MutationRule::undo).orElse(UndoDeclaration.NONE);
    }

    /** The target's import role applies to all its templates; the schema names none. */
    @Override
    public Optional<String> requiredRole(GraphQLFieldDefinition mutation) {
        return Optional.empty();
    }

    @Override
    public Optional<LookupField> lookup(String owner, GraphQLInputObjectField field) {
        return Optional.ofNullable(overlay.lookups().get(owner + "." + field.getName()))
                .map(rule -> new LookupField(rule.entity(), rule.field()));
    }

    @Override
    public List<String> aliases(String owner, GraphQLInputObjectField field) {
        Overlay.AliasRule rule = overlay.aliases().get(owner + "." + field.getName());
        return rule == null ? List.of() : rule.names();
    }

    @Override
    public Optional<String> customFields(GraphQLInputObjectField field) {
        return Optional.empty();
    }

    @Override
    public FieldType columnType(String scalar) {
        Overlay.ScalarRule rule = overlay.scalars().get(scalar);
        if (rule != null) {
            for (FieldType type : FieldType.values()) {
                if (type.label().equals(rule.columnType())) {
                    return type;
                }
            }
        }
        return switch (scalar) {
            // the target's IDs are its own, in no form Intake knows: the target says whether one names a record
            case "ID" -> FieldType.TEXT;
            case "Int" -> FieldType.NUMBER;
            case "Float" -> FieldType.DECIMAL;
            case "Boolean" -> FieldType.BOOLEAN;
            default -> FieldType.TEXT;
        };
    }

    private Optional<Overlay.MutationRule> rule(GraphQLFieldDefinition mutation) {
        return Optional.ofNullable(overlay.mutations().get(mutation.getName()));
    }
}
