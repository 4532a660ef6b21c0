package dev.intake.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Reads templates off a GraphQL schema: one per mutation that takes an input object, with one column per leaf
 * field. Nothing here knows any entity; a new mutation in the schema is a new template.
 * <p>
 * Column order: at each level of the input, required fields come first, then optional ones, each group in
 * alphabetical order of field name; the fields of a nested input object take its place in that order.
 */
public final class SchemaTemplates {

    private SchemaTemplates() {
    }

    /** The templates of the application's own schema, with the hints of its directives. */
    public static List<ImportTemplate> read(GraphQLSchema schema) {
        return read(schema, DirectiveHints.INSTANCE);
    }

    /** The templates of a schema, with what the hints add to its types. */
    public static List<ImportTemplate> read(GraphQLSchema schema, SchemaHints hints) {
        GraphQLObjectType mutations = schema.getMutationType();
        if (mutations == null) {
            return List.of();
        }
        List<ImportTemplate> templates = new ArrayList<>();
        Set<String> typeNames = schema.getAllTypesAsList().stream().filter(type -> type instanceof GraphQLObjectType)
                .map(GraphQLNamedType::getName).collect(Collectors.toSet());
        for (GraphQLFieldDefinition mutation : mutations.getFieldDefinitions()) {
            boolean importable = hints.importable(mutation).orElse(true);
            if (importable && takesInputObject(mutation)) {
                template(mutation, typeNames, hints, mutations, schema.getQueryType()).ifPresent(templates::add);
            }
        }
        templates.sort(Comparator.comparing(ImportTemplate::name));
        return List.copyOf(templates);
    }

    private static boolean takesInputObject(GraphQLFieldDefinition mutation) {
        return mutation.getArguments().stream()
                .anyMatch(argument -> GraphQLTypeUtil.unwrapAll(argument.getType()) instanceof GraphQLInputObjectType);
    }

    /** Empty when a required part of the input cannot be written as CSV cells (a list, or a recursive type). */
    private static Optional<ImportTemplate> template(GraphQLFieldDefinition mutation, Set<String> typeNames,
            SchemaHints hints, GraphQLObjectType mutations, GraphQLObjectType queries) {
        List<TemplateColumn> columns = new ArrayList<>();
        List<CustomFieldSlot> slots = new ArrayList<>();
        List<GraphQLArgument> arguments = sorted(mutation.getArguments(), GraphQLArgument::getName,
                argument -> isRequired(argument.getType(), argument.hasSetDefaultValue()));
        for (GraphQLArgument argument : arguments) {
            boolean required = isRequired(argument.getType(), argument.hasSetDefaultValue());
            Leaves leaves = new Leaves(columns, slots, new LinkedHashSet<>(), hints);
            if (!leaves.add(List.of(argument.getName()), argument.getType(), argument.getDescription(), required, null,
                    null)) {
                return Optional.empty();
            }
        }
        String[] entityAndAction = entityAndAction(mutation.getName(), typeNames);
        String entity = hints.entity(mutation).orElse(entityAndAction[0]);
        String action = hints.action(mutation).orElse(entityAndAction[1]);
        Undo undo = Undo.declared(mutation, hints.undo(mutation), mutations, queries, columns, hints);
        RowOperation operation = operation(mutation);
        String returned = GraphQLTypeUtil.unwrapAll(mutation.getType()).getName();
        if (undo.possible() && undo.read() != null && returned.equals(undo.read().recordType())) {
            // the mutation answers the record as the row left it: no read after the row
            operation = new RowOperation(operation.mutation(), operation.arguments(),
                    undo.read().addedTo(operation.selection()), operation.nullableResult(), operation.keyDirective());
            undo = undo.answeredByTheMutation();
        }
        return Optional.of(new ImportTemplate(mutation.getName(), entity, action, mutation.getDescription(), columns,
                operation, hints.requiredRole(mutation).orElse(null), slots.isEmpty() ? null : slots.get(0), null,
                undo));
    }

    /**
     * Collects the leaf columns under one argument, depth first, guarding against recursive input types; notes the
     * field that carries custom fields.
     */
    private record Leaves(List<TemplateColumn> columns, List<CustomFieldSlot> slots, Set<String> typesOnPath,
            SchemaHints hints) {

        boolean add(List<String> path, GraphQLInputType type, String description, boolean required, String owner,
                GraphQLInputObjectField field) {
            Optional<String> customFields = field == null ? Optional.empty() : hints.customFields(field);
            if (customFields.isPresent()) {
                slots.add(new CustomFieldSlot(String.join("/", path), customFields.get()));
                return true;
            }
            GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
            if (GraphQLTypeUtil.isList(bare)) {
                return !required;
            }
            if (bare instanceof GraphQLInputObjectType object) {
                return addFields(path, object, required);
            }
            columns.add(column(path, (GraphQLNamedType) bare, description, required, owner, field, hints));
            return true;
        }

        private boolean addFields(List<String> path, GraphQLInputObjectType object, boolean required) {
            if (!typesOnPath.add(object.getName())) {
                return !required;
            }
            List<GraphQLInputObjectField> fields = sorted(object.getFieldDefinitions(), GraphQLInputObjectField::getName,
                    field -> isRequired(field.getType(), field.hasSetDefaultValue()));
            for (GraphQLInputObjectField field : fields) {
                boolean fieldRequired = required && isRequired(field.getType(), field.hasSetDefaultValue());
                if (!add(append(path, field.getName()), field.getType(), field.getDescription(), fieldRequired,
                        object.getName(), field)) {
                    return false;
                }
            }
            typesOnPath.remove(object.getName());
            return true;
        }
    }

    private static TemplateColumn column(List<String> path, GraphQLNamedType leaf, String description, boolean required,
            String owner, GraphQLInputObjectField field, SchemaHints hints) {
        List<String> labelPath = path.size() > 1 ? path.subList(1, path.size()) : path;
        String reference = String.join("/", path);
        String label = Labels.of(labelPath);
        List<String> aliases = field == null ? List.of() : hints.aliases(owner, field);
        String text = orEmpty(description) + (aliases.isEmpty() ? "" : (orEmpty(description).isEmpty() ? "" : " ")
                + "(also: " + String.join(", ", aliases) + ")");
        Optional<LookupField> lookupField = field == null ? Optional.empty() : hints.lookup(owner, field);
        if (lookupField.isPresent()) {
            LookupField lookup = lookupField.get();
            return new TemplateColumn(label, reference, text, FieldType.LOOKUP, leaf.getName(), required, List.of(),
                    lookup, false, aliases);
        }
        if (leaf instanceof GraphQLEnumType enumType) {
            List<String> values = enumType.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();
            return new TemplateColumn(label, reference, text, FieldType.FIXED, leaf.getName(), required, values, null,
                    false, aliases);
        }
        return new TemplateColumn(label, reference, text, hints.columnType(leaf.getName()), leaf.getName(), required,
                List.of(), null, false, aliases);
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> name,
            java.util.function.Predicate<T> required) {
        return items.stream()
                .sorted(Comparator.comparing((T item) -> !required.test(item)).thenComparing(name))
                .collect(Collectors.toList());
    }

    private static boolean isRequired(GraphQLInputType type, boolean hasDefault) {
        return GraphQLTypeUtil.isNonNull(type) && !hasDefault;
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> longer = new ArrayList<>(path);
        longer.add(segment);
        return List.copyOf(longer);
    }

    private static String orEmpty(String description) {
        return description == null ? "" : description.strip();
    }

    /**
     * The leading lower-case word of a mutation's name is its verb, and the rest names the entity:
     * {@code createProduct} is Product / create. When the rest starts with the name of an object type and goes on,
     * the remainder joins the action: {@code addProductImages} is Product / addImages.
     */
    static String[] entityAndAction(String mutationName, Set<String> typeNames) {
        int verbEnd = 1;
        while (verbEnd < mutationName.length() && !Character.isUpperCase(mutationName.charAt(verbEnd))) {
            verbEnd++;
        }
        if (verbEnd == mutationName.length()) {
            return new String[] { mutationName, mutationName };
        }
        String verb = mutationName.substring(0, verbEnd);
        String rest = mutationName.substring(verbEnd);
        for (int end = rest.length() - 1; end > 0; end--) {
            if (Character.isUpperCase(rest.charAt(end)) && typeNames.contains(rest.substring(0, end))) {
                return new String[] { rest.substring(0, end), verb + rest.substring(end) };
            }
        }
        return new String[] { rest, verb };
    }

    /** The operation that imports rows: every argument is a variable, and the result's ID is selected. */
    private static RowOperation operation(GraphQLFieldDefinition mutation) {
        return new RowOperation(mutation.getName(), mutation.getArguments().stream()
                .map(argument -> new RowOperation.Argument(argument.getName(), GraphQLTypeUtil.simplePrint(argument.getType())))
                .toList(), selection(mutation.getType()), GraphQLTypeUtil.isNullable(mutation.getType()));
    }

    /**
     * The result's {@code id} becomes the row's Entity ID; a Boolean {@code created} says whether the row created
     * the record or changed one (an upsert's payload has it).
     */
    private static String selection(GraphQLOutputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapAll(type);
        if (!(bare instanceof GraphQLObjectType object)) {
            return "";
        }
        List<String> fields = new ArrayList<>();
        if (object.getFieldDefinition("id") != null) {
            fields.add("id");
        }
        GraphQLFieldDefinition created = object.getFieldDefinition("created");
        if (created != null && GraphQLTypeUtil.unwrapAll(created.getType()).getName().equals("Boolean")) {
            fields.add("created");
        }
        return fields.isEmpty() ? " { __typename }" : " { " + String.join(" ", fields) + " }";
    }
}
