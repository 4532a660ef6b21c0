package dev.intake.template;

import java.util.List;

/**
 * The GraphQL operation that imports a template's rows: the mutation with every argument passed as a variable,
 * selecting the result's ID.
 * <p>
 * Several rows can run in one operation: row {@code k} is the mutation field aliased {@code r<k>}, with its
 * arguments in variables prefixed {@code r<k>_}. GraphQL runs the fields of a mutation one after another, each
 * as it would run alone, so every row still goes through the mutation's own validation, lookups and permission
 * checks.
 *
 * @param mutation the mutation field, such as {@code createProduct}
 * @param arguments its arguments with their GraphQL types, such as {@code input: ProductInput!}
 * @param selection what is selected from the result, such as {@code  { id }}, or empty for a scalar result
 * @param nullableResult whether the mutation's result may be null; only then can rows share an operation, since a
 *        failing row's error nulls its own field and not the whole result with its neighbours' IDs
 * @param keyDirective the directive that carries a row's idempotency key on its field, such as
 *        {@code @idempotent(key: $intakeIdempotencyKey)}; {@code null} for none
 */
public record RowOperation(String mutation, List<Argument> arguments, String selection, boolean nullableResult,
        KeyDirective keyDirective) {

    /** The variable that carries a row's idempotency key to its field's {@link KeyDirective}. */
    public static final String KEY_VARIABLE = "intakeIdempotencyKey";

    /** An argument of the mutation and its type as written in a variable definition. */
    public record Argument(String name, String type) {
    }

    /**
     * A directive on the mutation's field that takes the row's idempotency key, in {@link #KEY_VARIABLE}.
     *
     * @param name the directive, without its {@code @}
     * @param argument its argument that takes the key
     * @param type the argument's type as written in a variable definition, such as {@code String!}
     */
    public record KeyDirective(String name, String argument, String type) {
    }

    public RowOperation {
        arguments = List.copyOf(arguments);
    }

    public RowOperation(String mutation, List<Argument> arguments, String selection, boolean nullableResult) {
        this(mutation, arguments, selection, nullableResult, null);
    }

    /** The operation for one row: each argument is the variable of its own name, and the field has no alias. */
    public String document() {
        return document(1, false);
    }

    /** The operation for {@code rows} rows, one aliased mutation field each. */
    public String document(int rows) {
        return document(rows, true);
    }

    private String document(int rows, boolean aliased) {
        StringBuilder variables = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        for (int row = 0; row < rows; row++) {
            fields.append(' ').append(aliased ? alias(row) + ": " : "").append(mutation).append('(');
            for (int i = 0; i < arguments.size(); i++) {
                Argument argument = arguments.get(i);
                String variable = aliased ? variable(row, argument.name()) : argument.name();
                if (!variables.isEmpty()) {
                    variables.append(", ");
                }
                variables.append('$').append(variable).append(": ").append(argument.type());
                fields.append(i == 0 ? "" : ", ").append(argument.name()).append(": $").append(variable);
            }
            fields.append(')');
            if (keyDirective != null) {
                String variable = aliased ? variable(row, KEY_VARIABLE) : KEY_VARIABLE;
                variables.append(variables.isEmpty() ? "" : ", ").append('$').append(variable).append(": ")
                        .append(keyDirective.type());
                fields.append(" @").append(keyDirective.name()).append('(').append(keyDirective.argument())
                        .append(": $").append(variable).append(')');
            }
            fields.append(selection);
        }
        return "mutation Import(" + variables + ") {" + fields + " }";
    }

    /** The result key of row {@code row} in a several-row operation. */
    public static String alias(int row) {
        return "r" + row;
    }

    /** The variable that carries an argument of row {@code row} in a several-row operation. */
    public static String variable(int row, String argument) {
        return alias(row) + "_" + argument;
    }

    /**
     * The row whose mutation field a result path such as {@code /r12} (or result key {@code r12}) names, or -1 for
     * any other path, including paths inside a row's result.
     */
    public static int rowOf(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        if (path.length() <= start + 1 || path.charAt(start) != 'r' || path.length() - start > 8) {
            return -1;
        }
        int row = 0;
        for (int i = start + 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            row = row * 10 + (c - '0');
        }
        return row;
    }
}
