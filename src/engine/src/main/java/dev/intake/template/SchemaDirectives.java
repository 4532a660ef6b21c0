package dev.intake.template;

import java.util.Optional;

import graphql.language.BooleanValue;
import graphql.language.StringValue;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLDirectiveContainer;

/**
 * Reads directive arguments off schema elements. SmallRye GraphQL attaches directives the legacy way, so both
 * applied and legacy directives are read.
 */
final class SchemaDirectives {

    private SchemaDirectives() {
    }

    static boolean has(GraphQLDirectiveContainer element, String directive) {
        return element.getAppliedDirective(directive) != null || legacy(element, directive) != null;
    }

    static Optional<String> string(GraphQLDirectiveContainer element, String directive, String argument) {
        return Optional.ofNullable(value(element, directive, argument)).map(SchemaDirectives::plain)
                .filter(value -> !value.isEmpty());
    }

    /** A list argument's strings; empty when the directive or argument is absent. */
    static java.util.List<String> strings(GraphQLDirectiveContainer element, String directive, String argument) {
        Object value = value(element, directive, argument);
        java.util.List<String> strings = new java.util.ArrayList<>();
        if (value instanceof graphql.language.ArrayValue array) {
            array.getValues().forEach(item -> strings.add(plain(item)));
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> strings.add(plain(item)));
        } else if (value instanceof Object[] items) {
            for (Object item : items) {
                strings.add(plain(item));
            }
        } else if (value != null) {
            strings.add(plain(value));
        }
        return strings.stream().filter(name -> !name.isBlank()).toList();
    }

    static Optional<Boolean> bool(GraphQLDirectiveContainer element, String directive, String argument) {
        Object value = value(element, directive, argument);
        if (value instanceof BooleanValue literal) {
            return Optional.of(literal.isValue());
        }
        return value instanceof Boolean flag ? Optional.of(flag) : Optional.empty();
    }

    private static Object value(GraphQLDirectiveContainer element, String directive, String argument) {
        GraphQLAppliedDirective applied = element.getAppliedDirective(directive);
        if (applied != null && applied.getArgument(argument) != null) {
            return applied.getArgument(argument).getValue();
        }
        GraphQLDirective legacy = legacy(element, directive);
        if (legacy != null && legacy.getArgument(argument) != null) {
            return legacyValue(legacy, argument);
        }
        return null;
    }

    @SuppressWarnings("deprecation")
    private static GraphQLDirective legacy(GraphQLDirectiveContainer element, String directive) {
        return element.getDirective(directive);
    }

    @SuppressWarnings("deprecation")
    private static Object legacyValue(GraphQLDirective directive, String argument) {
        return directive.getArgument(argument).getArgumentValue().getValue();
    }

    private static String plain(Object value) {
        return value instanceof StringValue literal ? literal.getValue() : String.valueOf(value);
    }
}
