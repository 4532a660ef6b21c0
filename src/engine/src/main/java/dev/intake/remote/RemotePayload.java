package dev.intake.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Where a mutation's answer holds what Intake needs: the new or changed record's ID, and the input errors an API puts
 * inside a successful answer (a {@code userErrors} list of {@code { field message }}).
 * <p>
 * Without an overlay rule: the answer's own {@code id}; else the {@code id} of its one field that is an object with an
 * {@code id} ({@code createPerson { person { id } }}); and a field {@code userErrors} whose items have a
 * {@code message}.
 *
 * @param idPath the path from the mutation's field to the ID, such as {@code person.id}; empty when the field is the ID
 * @param userErrorsPath the path to the input errors, or {@code null} when the API answers none that way
 * @param userErrorFields the fields selected of each input error: {@code message}, and {@code field} and {@code code}
 *        where the type has them
 */
record RemotePayload(String idPath, String userErrorsPath, List<String> userErrorFields, InDoubt inDoubt) {

    RemotePayload {
        userErrorFields = List.copyOf(userErrorFields);
    }

    RemotePayload(String idPath, String userErrorsPath, List<String> userErrorFields) {
        this(idPath, userErrorsPath, userErrorFields, InDoubt.NONE);
    }

    /**
     * What the overlay says of a row whose answer was lost: where the target honours an idempotency key, and the
     * query that finds the row's record by a natural key; each {@code null} when not said.
     */
    record InDoubt(IdempotencyKey idempotencyKey, String find, String findBy) {

        static final InDoubt NONE = new InDoubt(null, null, null);
    }

    /** The payload of a mutation by the overlay's rule and the defaults; a message when the ID cannot be found. */
    static Result of(GraphQLFieldDefinition mutation, Overlay.MutationRule rule) {
        String mutationPrefix = mutation.getName() + ".";
        String idPath = rule == null ? null : strip(rule.idPath(), mutationPrefix);
        String userErrors = rule == null ? null : strip(rule.userErrorsPath(), mutationPrefix);
        GraphQLOutputType type = mutation.getType();
        if (idPath == null) {
            Optional<String> found = defaultIdPath(type);
            if (found.isEmpty()) {
                return Result.problem("mutation " + mutation.getName() + ": its answer has no id Intake can find; "
                        + "name the path to the record's ID in the overlay (mutations." + mutation.getName() + ".id)");
            }
            idPath = found.get();
        } else if (!leafAt(type, idPath)) {
            return Result.problem("mutation " + mutation.getName() + ": " + idPath
                    + " is not a field of its answer that holds a single value");
        }
        List<String> errorFields = List.of();
        if (userErrors == null && fieldAt(type, "userErrors").filter(RemotePayload::isErrorList).isPresent()) {
            userErrors = "userErrors";
        }
        if (userErrors != null) {
            Optional<GraphQLFieldDefinition> errors = fieldAt(type, userErrors);
            if (errors.isEmpty() || !isErrorList(errors.get())) {
                return Result.problem("mutation " + mutation.getName() + ": " + userErrors
                        + " is not a list of objects with a message in its answer");
            }
            GraphQLObjectType item = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(errors.get().getType());
            List<String> fields = new ArrayList<>(List.of("message"));
            for (String optional : List.of("field", "code")) {
                if (item.getFieldDefinition(optional) != null
                        && GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(item.getFieldDefinition(optional).getType()))) {
                    fields.add(optional);
                }
            }
            errorFields = fields;
        }
        InDoubt inDoubt = rule == null ? InDoubt.NONE
                : new InDoubt(rule.idempotencyKey(), rule.find(), rule.findBy());
        return new Result(new RemotePayload(idPath, userErrors, errorFields, inDoubt), null);
    }

    /** A payload, or what keeps the mutation from being a template. */
    record Result(RemotePayload payload, String problem) {
        static Result problem(String problem) {
            return new Result(null, problem);
        }
    }

    /** The selection set for the mutation's field, such as {@code { person { id } userErrors { message field } }}. */
    String selection() {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (!idPath.isEmpty()) {
            add(tree, idPath.split("\\."), null);
        }
        if (userErrorsPath != null) {
            add(tree, userErrorsPath.split("\\."), userErrorFields);
        }
        return tree.isEmpty() ? "" : " " + print(tree);
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> tree, String[] path, List<String> leaves) {
        Map<String, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path[i], key -> new LinkedHashMap<String, Object>());
        }
        if (leaves == null) {
            node.putIfAbsent(path[path.length - 1], null);
        } else {
            Map<String, Object> last = new LinkedHashMap<>();
            leaves.forEach(leaf -> last.put(leaf, null));
            node.put(path[path.length - 1], last);
        }
    }

    @SuppressWarnings("unchecked")
    private static String print(Map<String, Object> tree) {
        StringBuilder text = new StringBuilder("{");
        tree.forEach((name, children) -> {
            text.append(' ').append(name);
            if (children != null) {
                text.append(' ').append(print((Map<String, Object>) children));
            }
        });
        return text.append(" }").toString();
    }

    private static String strip(String path, String prefix) {
        return path != null && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    private static Optional<String> defaultIdPath(GraphQLOutputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (GraphQLTypeUtil.isLeaf(bare)) {
            return GraphQLTypeUtil.simplePrint(bare).equals("ID") ? Optional.of("") : Optional.empty();
        }
        if (!(bare instanceof GraphQLObjectType object)) {
            return Optional.empty();
        }
        if (isSingleLeaf(object.getFieldDefinition("id"))) {
            return Optional.of("id");
        }
        List<String> candidates = new ArrayList<>();
        for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
            GraphQLType fieldType = GraphQLTypeUtil.unwrapNonNull(field.getType());
            if (fieldType instanceof GraphQLObjectType nested && isSingleLeaf(nested.getFieldDefinition("id"))) {
                candidates.add(field.getName() + ".id");
            }
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static boolean isSingleLeaf(GraphQLFieldDefinition field) {
        return field != null && GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapNonNull(field.getType()));
    }

    private static boolean leafAt(GraphQLOutputType type, String path) {
        return fieldAt(type, path).filter(RemotePayload::isSingleLeaf).isPresent();
    }

    /** The field at a dotted path, through single objects (no lists). */
    private static Optional<GraphQLFieldDefinition> fieldAt(GraphQLOutputType type, String path) {
        GraphQLType current = GraphQLTypeUtil.unwrapNonNull(type);
        GraphQLFieldDefinition field = null;
        for (String name : path.split("\\.")) {
            if (!(current instanceof GraphQLFieldsContainer container) || container.getFieldDefinition(name) == null) {
                return Optional.empty();
            }
            field = container.getFieldDefinition(name);
            current = GraphQLTypeUtil.unwrapNonNull(field.getType());
        }
        return Optional.ofNullable(field);
    }

    private static boolean isErrorList(GraphQLFieldDefinition field) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(field.getType());
        return GraphQLTypeUtil.isList(bare) && GraphQLTypeUtil.unwrapAll(bare) instanceof GraphQLObjectType item
                && isSingleLeaf(item.getFieldDefinition("message"));
    }
}
