package dev.intake.template;

import java.util.List;
import java.util.Map;
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
     * @param fromInput for a delete, its other arguments, each with the path of the row's variable it takes, such as
     *        {@code tag} from {@code input.tag}: {@code removeProductTag(product: ID!, tag: String!)} removes what
     *        {@code addProductTags} added, never the product
     */
    public record Mutation(RowOperation operation, String argument, String requiredRole, String clear,
            Map<String, List<String>> fromInput) {

        public Mutation {
            fromInput = Map.copyOf(fromInput);
        }

        public Mutation(RowOperation operation, String argument, String requiredRole, String clear) {
            this(operation, argument, requiredRole, clear, Map.of());
        }

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

    /** The undo mutations' names, such as {@code deleteProduct} or {@code deleteProduct, updateProduct}. */
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

    /** Whether the rows' undo takes values of their input besides the record's ID, kept when they run. */
    public boolean needsInput() {
        return delete != null && !delete.fromInput().isEmpty();
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
            String role = hints.requiredRole(undo).orElse(null);
            Optional<Mutation> removes = removal(mutation, undo, required, role);
            if (removes.isPresent() && !name.equals(declared.restore()) && delete == null) {
                delete = removes.get();
                continue;
            }
            GraphQLArgument argument = required.size() == 1 ? required.get(0) : null;
            RowOperation operation = argument == null ? null : new RowOperation(name, List.of(
                    new RowOperation.Argument(argument.getName(), GraphQLTypeUtil.simplePrint(argument.getType()))),
                    selection(undo), GraphQLTypeUtil.isNullable(undo.getType()));
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
                        + " only required argument, such as " + name + "(id: ID!), or the ID and fields of the row's"
                        + " input by their names, or (for restore, or an update's undo) an input object with the"
                        + " record's id; and an upsert names one of each");
            }
        }
        if (restore != null && read == null) {
            return refused("The undo " + restore.name() + " of " + mutation.getName() + " restores records, which needs"
                    + " the query that reads one by its ID for its values before the import (@importAction(read: ...))");
        }
        return new Undo(delete, restore, read, null, false, rowInput(mutation));
    }

    /**
     * A delete that takes the record's ID and, besides, values of the row's input by the same names: one required ID
     * argument, and each other required argument a field of the template's input object. Empty when the undo is not
     * of that shape.
     */
    private static Optional<Mutation> removal(GraphQLFieldDefinition mutation, GraphQLFieldDefinition undo,
            List<GraphQLArgument> required, String role) {
        List<GraphQLArgument> ids = required.stream()
                .filter(argument -> GraphQLTypeUtil.unwrapAll(argument.getType()).getName().equals("ID")).toList();
        if (ids.size() != 1 || required.size() < 2) {
            return Optional.empty();
        }
        Map<String, List<String>> fromInput = new java.util.LinkedHashMap<>();
        for (GraphQLArgument argument : required) {
            if (argument == ids.get(0)) {
                continue;
            }
            Optional<List<String>> path = mutation.getArguments().stream()
                    .filter(row -> GraphQLTypeUtil.unwrapAll(row.getType()) instanceof GraphQLInputObjectType input
                            && input.getFieldDefinition(argument.getName()) != null)
                    .map(row -> List.of(row.getName(), argument.getName())).findFirst();
            if (path.isEmpty()) {
                return Optional.empty();
            }
            fromInput.put(argument.getName(), path.get());
        }
        List<RowOperation.Argument> arguments = required.stream().map(argument -> new RowOperation.Argument(
                argument.getName(), GraphQLTypeUtil.simplePrint(argument.getType()))).toList();
        return Optional.of(new Mutation(new RowOperation(undo.getName(), arguments, selection(undo),
                GraphQLTypeUtil.isNullable(undo.getType())), ids.get(0).getName(), role, null, fromInput));
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

    /** An object answer's typename, and its input errors where it has a {@code userErrors} list with messages. */
    private static String selection(GraphQLFieldDefinition undo) {
        if (!(GraphQLTypeUtil.unwrapAll(undo.getType()) instanceof GraphQLObjectType answer)) {
            return "";
        }
        GraphQLFieldDefinition errors = answer.getFieldDefinition("userErrors");
        if (errors != null && GraphQLTypeUtil.unwrapAll(errors.getType()) instanceof GraphQLObjectType error
                && error.getFieldDefinition("message") != null) {
            String fields = Stream.of("message", "field", "code").filter(name -> error.getFieldDefinition(name) != null)
                    .collect(Collectors.joining(" "));
            return " { __typename userErrors { " + fields + " } }";
        }
        return " { __typename }";
    }
}
