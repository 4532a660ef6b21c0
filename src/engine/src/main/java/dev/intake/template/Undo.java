package dev.intake.template;

import java.util.List;
import java.util.Optional;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;

/**
 * How the rows a template committed are undone, as its mutation declares: a row that created a record is undone by
 * the schema's own mutation named in {@code @importAction(undo: ...)} (or the overlay's {@code undo:}), which takes the
 * record's ID as its one required argument, such as {@code deleteProduct(id: ID!)}. It runs as the admin who asked for
 * the rollback, with that mutation's own role checks.
 *
 * @param operation the undo mutation with its ID argument, or {@code null} when the rows cannot be undone
 * @param requiredRole the role the undo mutation requires, or {@code null}
 * @param refusal why the rows cannot be undone, or {@code null} when they can
 */
public record Undo(RowOperation operation, String requiredRole, String refusal) {

    /** Whether the template's rows can be undone. */
    public boolean possible() {
        return operation != null;
    }

    /** The undo mutation's argument that takes the record's ID, which is also its variable. */
    public String idArgument() {
        return operation.arguments().get(0).name();
    }

    /** The undo mutation's name, when there is one. */
    public Optional<String> mutation() {
        return Optional.ofNullable(operation).map(RowOperation::mutation);
    }

    /**
     * The undo that {@code mutation} declares by naming {@code undoName}, checked against the schema's mutations: it
     * must exist and take the record's ID as its only required argument.
     */
    static Undo declared(GraphQLFieldDefinition mutation, Optional<String> undoName, GraphQLObjectType mutations,
            SchemaHints hints) {
        if (undoName.isEmpty() || undoName.get().isBlank()) {
            return refused("The mutation " + mutation.getName() + " declares no undo (@importAction(undo: ...)), so"
                    + " its imports cannot be rolled back");
        }
        String name = undoName.get();
        GraphQLFieldDefinition undo = mutations.getFieldDefinition(name);
        if (undo == null) {
            return refused("The mutation " + mutation.getName() + " declares the undo " + name
                    + ", which the schema does not have");
        }
        List<GraphQLArgument> required = undo.getArguments().stream()
                .filter(argument -> GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue())
                .toList();
        if (required.size() != 1 || !GraphQLTypeUtil.unwrapAll(required.get(0).getType()).getName().equals("ID")) {
            return refused("The undo " + name + " of " + mutation.getName() + " must take the record's ID as its"
                    + " only required argument, such as " + name + "(id: ID!)");
        }
        GraphQLArgument id = required.get(0);
        String selection = GraphQLTypeUtil.unwrapAll(undo.getType()) instanceof GraphQLObjectType ? " { __typename }"
                : "";
        return new Undo(new RowOperation(name, List.of(new RowOperation.Argument(id.getName(),
                GraphQLTypeUtil.simplePrint(id.getType()))), selection, GraphQLTypeUtil.isNullable(undo.getType())),
                hints.requiredRole(undo).orElse(null), null);
    }

    /** A template whose rows cannot be undone, saying why. */
    public static Undo refused(String why) {
        return new Undo(null, null, why);
    }
}
