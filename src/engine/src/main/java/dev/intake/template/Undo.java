package dev.intake.template;

import java.util.List;
import java.util.Optional;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;

/**
 * How the rows a template committed are undone, as its mutation declares with {@code @importAction(undo: ..., read:
 * ...)} (or the overlay's {@code undo:} and {@code read:}):
 * <ul>
 * <li>a row that created a record is undone by a mutation that takes the record's ID as its one required argument,
 * such as {@code deleteProduct(id: ID!)};</li>
 * <li>a row that updated a record is undone by an update mutation, whose input object has the record's {@code id},
 * with the record's values from before the import (its before-image).</li>
 * </ul>
 * The read query, such as {@code product(id: ID!)}, reads a record's fields that the template's columns set: after
 * the row wrote it (so that a rollback can tell whether anyone changed it since) and, for an update, before. The undo
 * runs as the admin who asked for the rollback, with that mutation's own role checks.
 *
 * @param operation the undo mutation, or {@code null} when the rows cannot be undone
 * @param kind whether it deletes a created record or restores an updated one
 * @param inputArgument for {@link Kind#RESTORE}, the argument that takes the input object
 * @param read how records are read for their images, or {@code null} when none is declared
 * @param requiredRole the role the undo mutation requires, or {@code null}
 * @param refusal why the rows cannot be undone, or {@code null} when they can
 * @param answered whether the template's own mutation answers the read's fields (it returns the read's record type),
 *        so that a row's record after it is its answer and needs no read
 */
public record Undo(RowOperation operation, Kind kind, String inputArgument, RecordRead read, String requiredRole,
        String refusal, boolean answered) {

    public Undo(RowOperation operation, Kind kind, String inputArgument, RecordRead read, String requiredRole,
            String refusal) {
        this(operation, kind, inputArgument, read, requiredRole, refusal, false);
    }

    /** The same undo, the template's mutation answering the read's fields. */
    Undo answeredByTheMutation() {
        return new Undo(operation, kind, inputArgument, read, requiredRole, refusal, true);
    }

    /** How a row is undone. */
    public enum Kind {
        /** The mutation deletes the record the row created, by its ID. */
        DELETE,
        /** The mutation sets the record the row updated back to its before-image. */
        RESTORE
    }

    /** Whether the template's rows can be undone. */
    public boolean possible() {
        return operation != null;
    }

    /** For {@link Kind#DELETE}, the undo mutation's argument that takes the record's ID, which is also its variable. */
    public String idArgument() {
        return operation.arguments().get(0).name();
    }

    /** The undo mutation's name, when there is one. */
    public Optional<String> mutation() {
        return Optional.ofNullable(operation).map(RowOperation::mutation);
    }

    /** How records are read for their images, when declared. */
    public Optional<RecordRead> reading() {
        return Optional.ofNullable(read);
    }

    /** A template whose rows cannot be undone, saying why. */
    public static Undo refused(String why) {
        return new Undo(null, null, null, null, null, why);
    }

    /**
     * The undo that {@code mutation} declares, checked against the schema: the undo mutation must exist and take a
     * record's ID, or an input object with the record's {@code id}; a restore needs a read query.
     */
    static Undo declared(GraphQLFieldDefinition mutation, Optional<String> undoName, Optional<String> readName,
            GraphQLObjectType mutations, GraphQLObjectType queries, List<TemplateColumn> columns, SchemaHints hints) {
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
        RecordRead read = null;
        if (readName.isPresent() && !readName.get().isBlank()) {
            read = RecordRead.of(readName.get(), queries, columns).orElse(null);
            if (read == null) {
                return refused("The mutation " + mutation.getName() + " declares the read " + readName.get()
                        + ", which must be a query that takes a record's ID and returns fields that the template's"
                        + " columns set");
            }
        }
        String role = hints.requiredRole(undo).orElse(null);
        List<GraphQLArgument> required = undo.getArguments().stream()
                .filter(argument -> GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue())
                .toList();
        if (required.size() == 1 && GraphQLTypeUtil.unwrapAll(required.get(0).getType()).getName().equals("ID")) {
            GraphQLArgument id = required.get(0);
            return new Undo(new RowOperation(name, List.of(new RowOperation.Argument(id.getName(),
                    GraphQLTypeUtil.simplePrint(id.getType()))), selection(undo), GraphQLTypeUtil.isNullable(
                            undo.getType())), Kind.DELETE, null, read, role, null);
        }
        if (required.size() == 1 && GraphQLTypeUtil.unwrapAll(required.get(0).getType()) instanceof GraphQLInputObjectType
                input && hasId(input)) {
            if (read == null) {
                return refused("The undo " + name + " of " + mutation.getName() + " restores records, which needs the"
                        + " query that reads one by its ID for its values before the import (@importAction(read: ...))");
            }
            GraphQLArgument argument = required.get(0);
            return new Undo(new RowOperation(name, List.of(new RowOperation.Argument(argument.getName(),
                    GraphQLTypeUtil.simplePrint(argument.getType()))), selection(undo), GraphQLTypeUtil.isNullable(
                            undo.getType())), Kind.RESTORE, argument.getName(), read, role, null);
        }
        return refused("The undo " + name + " of " + mutation.getName() + " must take the record's ID as its only"
                + " required argument, such as " + name + "(id: ID!), or an input object with the record's id");
    }

    private static boolean hasId(GraphQLInputObjectType input) {
        GraphQLInputObjectField id = input.getFieldDefinition("id");
        return id != null && GraphQLTypeUtil.unwrapAll(id.getType()).getName().equals("ID");
    }

    private static String selection(GraphQLFieldDefinition undo) {
        return GraphQLTypeUtil.unwrapAll(undo.getType()) instanceof GraphQLObjectType ? " { __typename }" : "";
    }
}
