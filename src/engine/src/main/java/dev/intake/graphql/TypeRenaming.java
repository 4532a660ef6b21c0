package dev.intake.graphql;

import static graphql.util.TraversalControl.CONTINUE;
import static graphql.util.TreeTransformerUtil.changeNode;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Renames some of a schema's object, input and enum types, with everything that refers to them: fields, arguments
 * and the data fetchers registered by the types' names.
 */
final class TypeRenaming {

    private TypeRenaming() {
    }

    /**
     * The schema with the types renamed.
     *
     * @param names old name to new name
     * @param clash what to say when a new name is already another type's; it is given that name
     * @throws IllegalStateException when a new name is already another type's
     */
    static GraphQLSchema rename(GraphQLSchema schema, Map<String, String> names,
            java.util.function.Function<String, String> clash) {
        List<String> taken = names.values().stream()
                .filter(name -> schema.getType(name) != null && !names.containsKey(name)).sorted().toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException(taken.stream().map(clash).collect(Collectors.joining("; ")));
        }
        GraphQLSchema renamed = SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLObjectType(GraphQLObjectType type,
                    TraverserContext<GraphQLSchemaElement> context) {
                String name = names.get(type.getName());
                return name == null ? CONTINUE : changeNode(context, type.transform(builder -> builder.name(name)));
            }

            @Override
            public TraversalControl visitGraphQLInputObjectType(GraphQLInputObjectType type,
                    TraverserContext<GraphQLSchemaElement> context) {
                String name = names.get(type.getName());
                return name == null ? CONTINUE : changeNode(context, type.transform(builder -> builder.name(name)));
            }

            @Override
            public TraversalControl visitGraphQLEnumType(GraphQLEnumType type, TraverserContext<GraphQLSchemaElement> context) {
                String name = names.get(type.getName());
                return name == null ? CONTINUE : changeNode(context, type.transform(builder -> builder.name(name)));
            }
        });
        return renamed.transform(builder -> builder.codeRegistry(movedFetchers(schema, renamed, names)));
    }

    /** The renamed schema's code registry, with each renamed object type's data fetchers under its new name. */
    private static GraphQLCodeRegistry movedFetchers(GraphQLSchema before, GraphQLSchema after, Map<String, String> names) {
        GraphQLCodeRegistry old = before.getCodeRegistry();
        return after.getCodeRegistry().transform(registry -> {
            for (Map.Entry<String, String> name : names.entrySet()) {
                if (!(before.getType(name.getKey()) instanceof GraphQLObjectType type)) {
                    continue;
                }
                for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                    FieldCoordinates was = FieldCoordinates.coordinates(name.getKey(), field.getName());
                    if (old.hasDataFetcher(was)) {
                        registry.dataFetcher(FieldCoordinates.coordinates(name.getValue(), field.getName()),
                                old.getDataFetcher(was, field));
                    }
                }
            }
        });
    }
}
