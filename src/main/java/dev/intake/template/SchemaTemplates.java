package dev.intake.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
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

    private static final String ROLES_ALLOWED = "rolesAllowed";

    private SchemaTemplates() {
    }

    public static List<ImportTemplate> read(GraphQLSchema schema) {
        GraphQLObjectType mutations = schema.getMutationType();
        if (mutations == null) {
            return List.of();
        }
        List<ImportTemplate> templates = new ArrayList<>();
        for (GraphQLFieldDefinition mutation : mutations.getFieldDefinitions()) {
            if (takesInputObject(mutation)) {
                template(mutation).ifPresent(templates::add);
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
    private static Optional<ImportTemplate> template(GraphQLFieldDefinition mutation) {
        List<TemplateColumn> columns = new ArrayList<>();
        List<GraphQLArgument> arguments = sorted(mutation.getArguments(), GraphQLArgument::getName,
                argument -> isRequired(argument.getType(), argument.hasSetDefaultValue()));
        for (GraphQLArgument argument : arguments) {
            boolean required = isRequired(argument.getType(), argument.hasSetDefaultValue());
            Leaves leaves = new Leaves(columns, new LinkedHashSet<>());
            if (!leaves.add(List.of(argument.getName()), argument.getType(), argument.getDescription(), required)) {
                return Optional.empty();
            }
        }
        String[] entityAndAction = entityAndAction(mutation.getName());
        return Optional.of(new ImportTemplate(mutation.getName(), entityAndAction[0], entityAndAction[1],
                mutation.getDescription(), columns, document(mutation), requiredRole(mutation)));
    }

    /** SmallRye GraphQL marks a mutation guarded by {@code @RolesAllowed} with a {@code @rolesAllowed} directive. */
    @SuppressWarnings("deprecation")
    private static String requiredRole(GraphQLFieldDefinition mutation) {
        GraphQLAppliedDirective applied = mutation.getAppliedDirective(ROLES_ALLOWED);
        if (applied != null && applied.getArgument("value") != null) {
            return stringValue(applied.getArgument("value").getValue());
        }
        GraphQLDirective legacy = mutation.getDirective(ROLES_ALLOWED);
        if (legacy != null && legacy.getArgument("value") != null) {
            return stringValue(legacy.getArgument("value").getArgumentValue().getValue());
        }
        return null;
    }

    private static String stringValue(Object value) {
        if (value instanceof graphql.language.StringValue literal) {
            return literal.getValue();
        }
        return value == null ? null : value.toString();
    }

    /** Collects the leaf columns under one argument, depth first, guarding against recursive input types. */
    private record Leaves(List<TemplateColumn> columns, Set<String> typesOnPath) {

        boolean add(List<String> path, GraphQLInputType type, String description, boolean required) {
            GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
            if (GraphQLTypeUtil.isList(bare)) {
                return !required;
            }
            if (bare instanceof GraphQLInputObjectType object) {
                return addFields(path, object, required);
            }
            columns.add(column(path, (GraphQLNamedType) bare, description, required));
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
                if (!add(append(path, field.getName()), field.getType(), field.getDescription(), fieldRequired)) {
                    return false;
                }
            }
            typesOnPath.remove(object.getName());
            return true;
        }
    }

    private static TemplateColumn column(List<String> path, GraphQLNamedType leaf, String description, boolean required) {
        List<String> labelPath = path.size() > 1 ? path.subList(1, path.size()) : path;
        String reference = String.join("/", path);
        if (leaf instanceof GraphQLEnumType enumType) {
            List<String> values = enumType.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();
            return new TemplateColumn(Labels.of(labelPath), reference, orEmpty(description), FieldType.FIXED,
                    leaf.getName(), required, values, null);
        }
        return new TemplateColumn(Labels.of(labelPath), reference, orEmpty(description), FieldType.ofScalar(leaf.getName()),
                leaf.getName(), required, List.of(), null);
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

    /** {@code createContact} is the action {@code create} on the entity {@code Contact}. */
    static String[] entityAndAction(String mutationName) {
        for (int i = 1; i < mutationName.length(); i++) {
            if (Character.isUpperCase(mutationName.charAt(i))) {
                return new String[] { mutationName.substring(i), mutationName.substring(0, i) };
            }
        }
        return new String[] { mutationName, mutationName };
    }

    /** The operation that imports one row: every argument is a variable, and the result's ID is selected. */
    private static String document(GraphQLFieldDefinition mutation) {
        String variables = mutation.getArguments().stream()
                .map(argument -> "$" + argument.getName() + ": " + GraphQLTypeUtil.simplePrint(argument.getType()))
                .collect(Collectors.joining(", "));
        String arguments = mutation.getArguments().stream()
                .map(argument -> argument.getName() + ": $" + argument.getName())
                .collect(Collectors.joining(", "));
        return "mutation Import(" + variables + ") { " + mutation.getName() + "(" + arguments + ")"
                + selection(mutation.getType()) + " }";
    }

    private static String selection(GraphQLOutputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapAll(type);
        if (bare instanceof GraphQLObjectType object) {
            return object.getFieldDefinition("id") != null ? " { id }" : " { __typename }";
        }
        return "";
    }
}
