package dev.intake.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * How a template's records are read through the schema's own query, for their images before and after a row wrote
 * them: the query field that takes a record's ID (such as {@code product(id: ID!)}), and the fields of the record that
 * the template's columns set. A column {@code input/address/city} is the record's {@code address { city }}; columns
 * whose field the record does not return as a plain value (a lookup, the ID, custom fields) are not read.
 *
 * A query that takes a list of IDs and returns a list of records, such as {@code productsById(ids: [ID!]!):
 * [Product]!}, reads a whole group in one field; the records are matched to their rows by their {@code id}. A query
 * that takes one ID reads a group as many aliased fields, one per record.
 *
 * @param query the query field, such as {@code product}
 * @param idArgument its argument that takes the record's ID, or the list of IDs
 * @param idType that argument's type as written in a variable definition, such as {@code ID!} or {@code [ID!]!}
 * @param fields the fields read, each with the template column that sets it
 * @param byList whether the query takes a list of IDs and answers a list of records
 * @param recordType the name of the records' object type, such as {@code Product}
 */
public record RecordRead(String query, String idArgument, String idType, List<Field> fields, boolean byList,
        String recordType) {

    public RecordRead(String query, String idArgument, String idType, List<Field> fields, boolean byList) {
        this(query, idArgument, idType, fields, byList, null);
    }

    /**
     * A field of the record that a template column sets.
     *
     * @param reference the column's reference, such as {@code input/address/city}
     * @param path the field's path in the record, such as {@code [address, city]}
     * @param label the column's label, for messages
     */
    public record Field(String reference, List<String> path, String label) {
    }

    public RecordRead {
        fields = List.copyOf(fields);
    }

    /**
     * The read that {@code queryName} declares for a template's columns, or empty when the schema has no such query
     * taking one ID, or it returns none of the columns' fields.
     */
    static Optional<RecordRead> of(String queryName, GraphQLObjectType queries, List<TemplateColumn> columns) {
        GraphQLFieldDefinition query = queries == null ? null : queries.getFieldDefinition(queryName);
        if (query == null || query.getArguments().size() != 1
                || !(GraphQLTypeUtil.unwrapAll(query.getType()) instanceof GraphQLObjectType record)) {
            return Optional.empty();
        }
        boolean byList = GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(query.getArguments().get(0).getType()));
        // one ID, or a list of them (as IDs, or as strings where the server cannot type a list's items as IDs)
        String idScalar = GraphQLTypeUtil.unwrapAll(query.getArguments().get(0).getType()).getName();
        if (!idScalar.equals("ID") && !(byList && idScalar.equals("String"))) {
            return Optional.empty();
        }
        if (byList != GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(query.getType()))
                || byList && record.getFieldDefinition("id") == null) {
            return Optional.empty();
        }
        List<Field> fields = new ArrayList<>();
        for (TemplateColumn column : columns) {
            List<String> path = List.of(column.reference().split("/"));
            if (path.size() < 2 || column.lookup() != null || column.customField()) {
                continue;
            }
            List<String> inRecord = path.subList(1, path.size());
            if (!inRecord.equals(List.of("id")) && isLeaf(record, inRecord)) {
                fields.add(new Field(column.reference(), inRecord, column.label()));
            }
        }
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordRead(query.getName(), query.getArguments().get(0).getName(),
                GraphQLTypeUtil.simplePrint(query.getArguments().get(0).getType()), fields, byList, record.getName()));
    }

    private static boolean isLeaf(GraphQLObjectType record, List<String> path) {
        GraphQLObjectType at = record;
        for (int i = 0; i < path.size(); i++) {
            GraphQLFieldDefinition field = at.getFieldDefinition(path.get(i));
            if (field == null) {
                return false;
            }
            GraphQLOutputType type = field.getType();
            GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
            if (GraphQLTypeUtil.isList(bare)) {
                return false;
            }
            if (i == path.size() - 1) {
                return GraphQLTypeUtil.isLeaf(bare);
            }
            if (!(bare instanceof GraphQLObjectType object)) {
                return false;
            }
            at = object;
        }
        return false;
    }

    /**
     * The operation that reads {@code records} records: by a list, one field {@code r} whose IDs are in {@code $ids};
     * otherwise the k-th record aliased {@code r<k>}, with its ID in {@code $r<k>}.
     */
    public String document(int records) {
        if (byList) {
            return "query Import($ids: " + idType + ") { r: " + query + "(" + idArgument + ": $ids)"
                    + selection().replaceFirst("^ \\{", " { id") + " }";
        }
        StringBuilder variables = new StringBuilder();
        StringBuilder selections = new StringBuilder();
        String selection = selection();
        for (int k = 0; k < records; k++) {
            String alias = RowOperation.alias(k);
            variables.append(k == 0 ? "" : ", ").append('$').append(alias).append(": ").append(idType);
            selections.append(' ').append(alias).append(": ").append(query).append('(').append(idArgument)
                    .append(": $").append(alias).append(')').append(selection);
        }
        return "query Import(" + variables + ") {" + selections + " }";
    }

    /**
     * A mutation's selection with the read's fields added, such as {@code  { id firstName address { city } }} from
     * {@code  { id }}, so that its answer is the record after the row.
     */
    String addedTo(String selection) {
        String fields = selection().substring(" {".length(), selection().length() - " }".length());
        return selection.isBlank() ? selection() : selection.substring(0, selection.lastIndexOf('}')).stripTrailing()
                + fields + " }";
    }

    /** The fields read, as a selection set such as {@code  { firstName address { city } }}. */
    String selection() {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Field field : fields) {
            Map<String, Object> at = tree;
            for (int i = 0; i < field.path().size(); i++) {
                String name = field.path().get(i);
                if (i == field.path().size() - 1) {
                    at.putIfAbsent(name, null);
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next = (Map<String, Object>) at.computeIfAbsent(name,
                            key -> new LinkedHashMap<String, Object>());
                    at = next;
                }
            }
        }
        return selection(tree);
    }

    @SuppressWarnings("unchecked")
    private static String selection(Map<String, Object> tree) {
        StringBuilder out = new StringBuilder(" {");
        tree.forEach((name, below) -> {
            out.append(' ').append(name);
            if (below != null) {
                out.append(selection((Map<String, Object>) below));
            }
        });
        return out.append(" }").toString();
    }

    /** A field's value in a record as read (nested maps), or null. */
    public static Object valueAt(Map<String, Object> record, List<String> path) {
        Object at = record;
        for (String name : path) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(name);
        }
        return at;
    }
}
