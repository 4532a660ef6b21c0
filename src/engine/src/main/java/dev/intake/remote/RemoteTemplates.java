package dev.intake.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.intake.template.ImportTemplate;
import dev.intake.template.RowOperation;
import dev.intake.template.SchemaTemplates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;

/**
 * The templates of a remote target: its schema's importable mutations, read as the application's own are, with the
 * overlay's hints, and named {@code <target>.<mutation>}. Each selects from its answer what {@link RemotePayload}
 * says holds the ID and the input errors.
 */
final class RemoteTemplates {

    private RemoteTemplates() {
    }

    /**
     * What a target's schema and overlay give.
     *
     * @param templates the templates; none when the overlay has problems
     * @param payloads per template name, where its answer holds the ID and the input errors
     * @param lookups per template name, the overlay's lookup rule of each lookup column, by reference
     * @param problems the overlay's mistakes, by line
     * @param skipped the mutations that take input but cannot be templates, each with the reason
     */
    record Result(List<ImportTemplate> templates, Map<String, RemotePayload> payloads,
            Map<String, Map<String, Overlay.LookupRule>> lookups, List<OverlayProblem> problems, List<String> skipped) {
        Result {
            templates = List.copyOf(templates);
            payloads = Map.copyOf(payloads);
            lookups = Map.copyOf(lookups);
            problems = List.copyOf(problems);
            skipped = List.copyOf(skipped);
        }
    }

    /** Builds a schema from SDL, with no resolvers: enough to read types and validate queries. */
    static GraphQLSchema schema(String sdl) {
        try {
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
        } catch (SchemaProblem e) {
            throw new IllegalArgumentException("The schema is not valid SDL: " + e.getMessage(), e);
        }
    }

    static Result read(String target, GraphQLSchema schema, Overlay overlay, String role) {
        List<OverlayProblem> problems = new ArrayList<>(OverlayCheck.check(overlay, schema));
        List<ImportTemplate> templates = new ArrayList<>();
        Map<String, RemotePayload> payloads = new java.util.HashMap<>();
        Map<String, Map<String, Overlay.LookupRule>> lookups = new java.util.HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (ImportTemplate read : SchemaTemplates.read(schema, new OverlayHints(overlay))) {
            GraphQLFieldDefinition mutation = schema.getMutationType().getFieldDefinition(read.name());
            Overlay.MutationRule rule = overlay.mutations().get(read.name());
            RemotePayload.Result payload = RemotePayload.of(mutation, rule);
            if (payload.problem() != null) {
                if (rule != null && (rule.idPath() != null || rule.userErrorsPath() != null)) {
                    problems.add(new OverlayProblem(rule.line(), payload.problem()));
                } else {
                    skipped.add(payload.problem());
                }
                continue;
            }
            RowOperation operation = read.operation();
            String name = target + "." + read.name();
            IdempotencyKey key = rule == null ? null : rule.idempotencyKey();
            templates.add(new ImportTemplate(name, read.entity(), read.action(), read.description(),
                    withoutKey(read.columns(), key),
                    new RowOperation(operation.mutation(), operation.arguments(), payload.payload().selection(),
                            operation.nullableResult(), keyDirective(schema, key)),
                    role, null, target, read.undo()));
            payloads.put(name, payload.payload());
            Map<String, Overlay.LookupRule> rules = new java.util.HashMap<>();
            for (dev.intake.template.TemplateColumn column : read.columns()) {
                if (column.lookup() != null) {
                    coordinate(mutation, column.reference()).map(overlay.lookups()::get)
                            .ifPresent(lookup -> rules.put(column.reference(), lookup));
                }
            }
            lookups.put(name, rules);
        }
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return new Result(List.of(), Map.of(), Map.of(), problems, skipped);
        }
        return new Result(templates, payloads, lookups, List.of(), skipped);
    }

    /** The columns a file fills: not the argument that takes Intake's idempotency key. */
    private static List<dev.intake.template.TemplateColumn> withoutKey(List<dev.intake.template.TemplateColumn> columns,
            IdempotencyKey key) {
        if (key == null || key.place() != IdempotencyKey.Place.ARGUMENT) {
            return columns;
        }
        return columns.stream().filter(column -> !column.reference().equals(key.name())
                && !column.reference().startsWith(key.name() + "/")).toList();
    }

    private static RowOperation.KeyDirective keyDirective(GraphQLSchema schema, IdempotencyKey key) {
        if (key == null || key.place() != IdempotencyKey.Place.DIRECTIVE) {
            return null;
        }
        return new RowOperation.KeyDirective(key.name(), key.argument(), graphql.schema.GraphQLTypeUtil
                .simplePrint(schema.getDirective(key.name()).getArgument(key.argument()).getType()));
    }

    /** The schema coordinate of the input field a column's reference ends at, such as CreatePersonInput.companyId. */
    static java.util.Optional<String> coordinate(GraphQLFieldDefinition mutation, String reference) {
        String[] path = reference.split("/");
        graphql.schema.GraphQLArgument argument = mutation.getArgument(path[0]);
        if (argument == null || path.length < 2) {
            return java.util.Optional.empty();
        }
        graphql.schema.GraphQLType type = graphql.schema.GraphQLTypeUtil.unwrapAll(argument.getType());
        for (int i = 1; i < path.length; i++) {
            if (!(type instanceof graphql.schema.GraphQLInputObjectType object)
                    || object.getFieldDefinition(path[i]) == null) {
                return java.util.Optional.empty();
            }
            if (i == path.length - 1) {
                return java.util.Optional.of(object.getName() + "." + path[i]);
            }
            type = graphql.schema.GraphQLTypeUtil.unwrapAll(object.getFieldDefinition(path[i]).getType());
        }
        return java.util.Optional.empty();
    }
}
