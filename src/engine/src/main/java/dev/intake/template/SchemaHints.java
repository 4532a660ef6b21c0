package dev.intake.template;

import java.util.List;
import java.util.Optional;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;

/**
 * What a schema's types do not say and templates need: whether a mutation is importable, its entity and action, which
 * input fields are lookups, their aliases, and the column type of each scalar. The application's own schema says it
 * with directives; a remote target's overlay file says it by schema coordinates.
 */
public interface SchemaHints {

    /** Whether the mutation becomes a template; empty when not said (it does when it takes an input object). */
    Optional<Boolean> importable(GraphQLFieldDefinition mutation);

    Optional<String> entity(GraphQLFieldDefinition mutation);

    Optional<String> action(GraphQLFieldDefinition mutation);

    /** How the mutation's rows are undone, as declared; {@link UndoDeclaration#NONE} when nothing is. */
    UndoDeclaration undo(GraphQLFieldDefinition mutation);

    /** The role the mutation requires, or empty. */
    Optional<String> requiredRole(GraphQLFieldDefinition mutation);

    /** The lookup an input field of {@code owner} (an input type's name) is, or empty. */
    Optional<LookupField> lookup(String owner, GraphQLInputObjectField field);

    /** Other headers the mapping step recognises for an input field. */
    List<String> aliases(String owner, GraphQLInputObjectField field);

    /** The entity whose custom fields the input field carries, or empty when it carries none. */
    Optional<String> customFields(GraphQLInputObjectField field);

    /** The column type of a scalar, by its name. */
    FieldType columnType(String scalar);
}
