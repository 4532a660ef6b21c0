package dev.intake.remote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

/**
 * Checks an overlay against the target's schema: every coordinate names an element of the schema, and every lookup
 * query is a valid query of it that selects the records' {@code id}. Each problem names the overlay's line.
 */
final class OverlayCheck {

    private static final Set<String> STANDARD_SCALARS = Set.of("ID", "String", "Int", "Float", "Boolean");

    private final GraphQLSchema schema;
    private final List<OverlayProblem> problems = new ArrayList<>();

    private OverlayCheck(GraphQLSchema schema) {
        this.schema = schema;
    }

    static List<OverlayProblem> check(Overlay overlay, GraphQLSchema schema) {
        OverlayCheck check = new OverlayCheck(schema);
        overlay.mutations().forEach(check::mutation);
        overlay.lookups().forEach(check::lookup);
        overlay.aliases().forEach((coordinate, rule) -> check.inputField("aliases", coordinate, rule.line()));
        overlay.scalars().forEach(check::scalar);
        check.problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return List.copyOf(check.problems);
    }

    private void mutation(String name, Overlay.MutationRule rule) {
        GraphQLObjectType mutations = schema.getMutationType();
        if (mutations == null || mutations.getFieldDefinition(name) == null) {
            problems.add(new OverlayProblem(rule.line(), "mutations: the schema has no mutation " + name));
            return;
        }
        if (rule.idempotencyKey() != null) {
            idempotencyKey(name, mutations.getFieldDefinition(name), rule);
        }
        for (String undo : java.util.stream.Stream.of(rule.undo().undo(), rule.undo().restore())
                .filter(java.util.Objects::nonNull).toList()) {
            if (mutations.getFieldDefinition(undo) == null) {
                problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": its undo " + undo
                        + " is not a mutation of the schema"));
            }
        }
        if (rule.undo().read() != null && (schema.getQueryType() == null
                || schema.getQueryType().getFieldDefinition(rule.undo().read()) == null)) {
            problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": its read " + rule.undo().read()
                    + " is not a query of the schema"));
        }
        if (rule.find() != null) {
            query(rule.line(), "mutation " + name + ": find", "query IntakeFind($value: String!) { " + rule.find()
                    + " }");
            if (RemoteTemplates.coordinate(mutations.getFieldDefinition(name), rule.findBy()).isEmpty()) {
                problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": findBy " + rule.findBy()
                        + " is not a field of its input, such as input/email"));
            }
        }
    }

    /** An idempotency key in an argument or a directive: the schema has it, and it takes a String or an ID. */
    private void idempotencyKey(String name, graphql.schema.GraphQLFieldDefinition mutation, Overlay.MutationRule rule) {
        IdempotencyKey key = rule.idempotencyKey();
        switch (key.place()) {
            case ARGUMENT -> {
                graphql.schema.GraphQLArgument argument = mutation.getArgument(key.name());
                if (argument == null) {
                    problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": it has no argument "
                            + key.name() + " to take the idempotency key"));
                } else if (!takesText(argument.getType())) {
                    problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": its argument " + key.name()
                            + " is " + GraphQLTypeUtil.simplePrint(argument.getType())
                            + "; an idempotency key goes in a String or an ID"));
                }
            }
            case DIRECTIVE -> {
                graphql.schema.GraphQLDirective directive = schema.getDirective(key.name());
                if (directive == null) {
                    problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": the schema has no directive @"
                            + key.name()));
                } else if (!directive.validLocations().contains(graphql.introspection.Introspection.DirectiveLocation.FIELD)) {
                    problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": @" + key.name()
                            + " is not a directive of fields"));
                } else if (directive.getArgument(key.argument()) == null
                        || !takesText(directive.getArgument(key.argument()).getType())) {
                    problems.add(new OverlayProblem(rule.line(), "mutation " + name + ": @" + key.name()
                            + " has no argument " + key.argument() + " that takes a String or an ID"));
                }
            }
            case HEADER -> {
                // any header name will do; the schema does not say
            }
        }
    }

    private static boolean takesText(graphql.schema.GraphQLInputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        return bare instanceof GraphQLScalarType scalar
                && (scalar.getName().equals("String") || scalar.getName().equals("ID"));
    }

    /** A query or mutation of the overlay that must validate against the schema and select {@code id}. */
    private void query(int line, String what, String document) {
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            problems.add(new OverlayProblem(line, what + " is not valid GraphQL: " + e.getMessage()));
            return;
        }
        List<ValidationError> errors = new Validator().validateDocument(schema, parsed, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            problems.add(new OverlayProblem(line, what + " does not validate against the schema: "
                    + errors.get(0).getDescription()));
            return;
        }
        Set<String> selected = new HashSet<>();
        collectFields(parsed, selected);
        if (!selected.contains("id")) {
            problems.add(new OverlayProblem(line, what + " must select id"));
        }
    }

    private void lookup(String coordinate, Overlay.LookupRule rule) {
        GraphQLInputObjectField field = inputField("lookups", coordinate, rule.line());
        if (field == null) {
            return;
        }
        if (!GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapNonNull(field.getType()))) {
            problems.add(new OverlayProblem(rule.line(), "lookups: " + coordinate + " is not a single value"));
            return;
        }
        String document = rule.manyAtOnce()
                ? "query IntakeLookup($values: [String!]!) { " + rule.query() + " }"
                : "query IntakeLookup($value: String!) { " + rule.query() + " }";
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            problems.add(new OverlayProblem(rule.line(), "lookups: the query of " + coordinate + " is not valid GraphQL: "
                    + e.getMessage()));
            return;
        }
        List<ValidationError> errors = new Validator().validateDocument(schema, parsed, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            problems.add(new OverlayProblem(rule.line(), "lookups: the query of " + coordinate
                    + " does not validate against the schema: " + errors.get(0).getDescription()));
            return;
        }
        Set<String> selected = new HashSet<>();
        collectFields(parsed, selected);
        if (!selected.contains("id")) {
            problems.add(new OverlayProblem(rule.line(), "lookups: the query of " + coordinate + " must select id"));
        } else if (rule.manyAtOnce() && !selected.contains(rule.field())) {
            problems.add(new OverlayProblem(rule.line(), "lookups: the query of " + coordinate + " takes $values, so it"
                    + " must select " + rule.field() + " as well as id, to tell which record each value found"));
        }
        if (rule.create() != null) {
            create(coordinate, rule);
        }
    }

    /** The mutation that creates a lookup's record under the policy create: valid, and selecting the new id. */
    private void create(String coordinate, Overlay.LookupRule rule) {
        query(rule.line(), "lookups: create of " + coordinate, "mutation IntakeCreate($value: String!) { "
                + rule.create() + " }");
    }

    private GraphQLInputObjectField inputField(String section, String coordinate, int line) {
        int dot = coordinate.indexOf('.');
        if (dot < 1 || dot == coordinate.length() - 1 || coordinate.indexOf('.', dot + 1) >= 0) {
            problems.add(new OverlayProblem(line, section + ": " + coordinate
                    + " is not the coordinate of an input field, such as CreatePersonInput.companyId"));
            return null;
        }
        String typeName = coordinate.substring(0, dot);
        String fieldName = coordinate.substring(dot + 1);
        GraphQLType type = schema.getType(typeName);
        if (!(type instanceof GraphQLInputObjectType input)) {
            problems.add(new OverlayProblem(line, section + ": " + coordinate + ": the schema has no input type "
                    + typeName));
            return null;
        }
        GraphQLInputObjectField field = input.getFieldDefinition(fieldName);
        if (field == null) {
            problems.add(new OverlayProblem(line, section + ": " + coordinate + ": " + typeName + " has no field "
                    + fieldName));
        }
        return field;
    }

    private void scalar(String name, Overlay.ScalarRule rule) {
        if (STANDARD_SCALARS.contains(name)) {
            problems.add(new OverlayProblem(rule.line(), "scalars: " + name + " is a standard scalar; its column type is"
                    + " fixed"));
        } else if (!(schema.getType(name) instanceof GraphQLScalarType)) {
            problems.add(new OverlayProblem(rule.line(), "scalars: the schema has no scalar " + name));
        }
    }

    private static void collectFields(Node<?> node, Set<String> names) {
        if (node instanceof Field field) {
            names.add(field.getName());
        }
        for (Node<?> child : node.getChildren()) {
            collectFields(child, names);
        }
    }
}
