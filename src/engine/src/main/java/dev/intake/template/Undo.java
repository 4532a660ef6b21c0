package dev.intake.template;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;

/**
 * How the rows a template committed are undone, as its mutation declares with {@code @importAction(undo: ..., read:
 * ..., restore: ..., clear: ...)} (or the same keys of a target's overlay):
 * <ul>
 * <li>a row that created a record is undone by a mutation that takes the record's ID as its one required argument,
 * such as {@code deleteProduct(id: ID!)};</li>
 * <li>a row that updated a record is undone by an update mutation, whose input object has the record's {@code id},
 * with the record's values from before the import (its before-image); a field that was empty before is set back to
 * empty through the input's {@code clear} list, where one is declared.</li>
 * </ul>
 * {@code undo} names either kind; a mutation whose rows may do both (an upsert) names the delete as {@code undo} and
 * the update as {@code restore}. The read query, such as {@code product(id: ID!)} or better {@code
 * productsById(ids: [ID!]!)}, reads a record's fields that the template's columns set: after the row wrote it (so
 * that a rollback can tell whether anyone changed it since) and, for an update, before. The undo runs as the admin
 * who asked for the rollback, with those mutations' own role checks.
 *
 * @param delete how a created record is deleted, or {@code null}
 * @param restore how an updated record is set back, or {@code null}
 * @param read how records are read for their images, or {@code null} when none is declared
 * @param refusal why the rows cannot be undone, or {@code null} when they can
 * @param answered whether the template's own mutation answers the read's fields (it returns the read's record type),
 *        so that a row's record after it is its answer and needs no read
 * @param rowInput the template's argument whose input object names the record by its {@code id}, for reading an
 *        update's record before it; {@code null} when there is none
 */
public record Undo(Mutation delete, Mutation restore, RecordRead read, String refusal, boolean answered,
        String rowInput) {

    /**
     * One undo mutation.
     *
     * @param argument the argument that takes the record's ID (a delete) or the input object (a restore)
     * @param requiredRole the role it requires, or {@code null}
     * @param clear for a restore, the input's field listing fields to set empty, or {@code null}
     */
    public record Mutation(RowOperation operation, String argument, String requiredRole, String clear) {

        public String name() {
            return operation.mutation();
        }
    }

    /** The same undo, the template's mutation answering the read's fields. */
    Undo answeredByTheMutation() {
        return new Undo(delete, restore, read, refusal, true, rowInput);
    }

    /** Whether the template's rows can be undone. */
    public boolean possible() {
        return refusal == null;
    }

    /** The mutation that undoes a row that did {@code action} (CREATED or UPDATED), when one is declared. */
    public Optional<Mutation> forAction(String action) {
        return Optional.ofNullable("CREATED".equals(action) ? delete : "UPDATED".equals(action) ? restore : null);
    }

    /** The undo mutations' names, such as {@code deleteContact} or {@code deleteContact, updateContact}. */
    public Optional<String> mutation() {
        String names = mutations().map(Mutation::name).collect(Collectors.joining(", "));
        return names.isEmpty() ? Optional.empty() : Optional.of(names);
    }

    /** The roles the undo mutations require. */
    public List<String> requiredRoles() {
        return mutations().map(Mutation::requiredRole).filter(Objects::nonNull).distinct().toList();
    }

    /** How records are read for their images, when declared. */
    public Optional<RecordRead> reading() {
        return Optional.ofNullable(read);
    }

    /** Whether records are read before the rows run: the rows may update, and are restored. */
    public boolean readsBefore() {
        return restore != null && read != null && rowInput != null;
    }

    private Stream<Mutation> mutations() {
        return Stream.of(delete, restore).filter(Objects::nonNull);
    }

    /** A template whose rows cannot be undone, saying why. */
    public static Undo refused(String why) {
        return new Undo(null, null, null, why, false, null);
    }

    /**
     * The undo that {@code mutation} declares, checked against the schema: each named mutation must exist and take a
     * record's ID, or an input object with the record's {@code id}; a restore needs a read query; a clear field must be
     * a list in the restore's input.
     */
    static Undo declared(GraphQLFieldDefinition mutation, UndoDeclaration declared, GraphQLObjectType mutations,
            GraphQLObjectType queries, List<TemplateColumn> columns, SchemaHints hints) {
        String of = "The mutation " + mutation.getName();
        if (!declared.any()) {
            return refused(of + " declares no undo (@importAction(undo: ...)), so its imports cannot be rolled back");
        }
        RecordRead read = null;
        if (declared.read() != null) {
            read = RecordRead.of(declared.read(), queries, columns).orElse(null);
            if (read == null) {
                return refused(of + " declares the read " + declared.read() + ", which must be a query that takes a"
                        + " record's ID and returns fields that the template's columns set");
            }
        }
        Mutation delete = null;
        Mutation restore = null;
        for (String name : Stream.of(declared.undo(), declared.restore()).filter(Objects::nonNull).toList()) {
            GraphQLFieldDefinition undo = mutations.getFieldDefinition(name);
            if (undo == null) {
                return refused(of + " declares the undo " + name + ", which the schema does not have");
            }
            List<GraphQLArgument> required = undo.getArguments().stream()
                    .filter(argument -> GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue())
                    .toList();
            GraphQLArgument argument = required.size() == 1 ? required.get(0) : null;
            RowOperation operation = argument == null ? null : new RowOperation(name, List.of(
                    new RowOperation.Argument(argument.getName(), GraphQLTypeUtil.simplePrint(argument.getType()))),
                    selection(undo), GraphQLTypeUtil.isNullable(undo.getType()));
            String role = hints.requiredRole(undo).orElse(null);
            boolean deletes = argument != null && GraphQLTypeUtil.unwrapAll(argument.getType()).getName().equals("ID");
            if (deletes && !name.equals(declared.restore()) && delete == null) {
                delete = new Mutation(operation, argument.getName(), role, null);
            } else if (argument != null && GraphQLTypeUtil.unwrapAll(argument.getType())
                    instanceof GraphQLInputObjectType input && hasId(input) && restore == null) {
                String clear = declared.clear();
                if (clear != null && !(input.getFieldDefinition(clear) != null && GraphQLTypeUtil.isList(
                        GraphQLTypeUtil.unwrapNonNull(input.getFieldDefinition(clear).getType())))) {
                    return refused(of + " declares the field " + clear + " to clear fields through, which must be a"
                            + " list in " + input.getName());
                }
                restore = new Mutation(operation, argument.getName(), role, clear);
            } else {
                return refused("The undo " + name + " of " + mutation.getName() + " must take the record's ID as its"
                        + " only required argument, such as " + name + "(id: ID!), or (for restore, or an update's undo)"
                        + " an input object with the record's id; and an upsert names one of each");
            }
        }
        if (restore != null && read == null) {
            return refused("The undo " + restore.name() + " of " + mutation.getName() + " restores records, which needs"
                    + " the query that reads one by its ID for its values before the import (@importAction(read: ...))");
        }
        return new Undo(delete, restore, read, null, false, rowInput(mutation));
    }

    private static String rowInput(GraphQLFieldDefinition mutation) {
        return mutation.getArguments().stream()
                .filter(argument -> GraphQLTypeUtil.unwrapAll(argument.getType()) instanceof GraphQLInputObjectType
                        input && hasId(input))
                .map(GraphQLArgument::getName).findFirst().orElse(null);
    }

    private static boolean hasId(GraphQLInputObjectType input) {
        GraphQLInputObjectField id = input.getFieldDefinition("id");
        return id != null && GraphQLTypeUtil.unwrapAll(id.getType()).getName().equals("ID");
    }

    private static String selection(GraphQLFieldDefinition undo) {
        return GraphQLTypeUtil.unwrapAll(undo.getType()) instanceof GraphQLObjectType ? " { __typename }" : "";
    }
}
