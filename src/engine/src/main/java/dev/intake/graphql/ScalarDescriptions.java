package dev.intake.graphql;

import static graphql.util.TraversalControl.CONTINUE;
import static graphql.util.TreeTransformerUtil.changeNode;

import java.util.Map;

import graphql.Scalars;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Describes the schema's scalars beyond the specification's five, and links each to the specification of its
 * text form with {@code @specifiedBy} where one exists, so that the printed schema
 * ({@code /graphql/schema.graphql}) says what each accepts and loads in other GraphQL tools.
 * <p>
 * It describes the application's scalars too, so it runs only when the application turns it on with
 * {@code intake.graphql.scalar-descriptions=true}. Registered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services}), as SmallRye GraphQL finds its eventing services, which loads it only when that
 * setting is true.
 */
public final class ScalarDescriptions implements EventingService {

    /** A description to give the scalar ({@code null} keeps its own) and the URL of its specification, if any. */
    private record Described(String description, String specifiedBy) {
    }

    private static final Map<String, Described> SCALARS = Map.of(
            "BigInteger", new Described("A whole number of any size, as a JSON number or a string of digits", null),
            "BigDecimal", new Described("A decimal number of any precision, as a JSON number or a string such as "
                    + "\"9.99\" (a point, no thousands separator)", null),
            "DateTime", new Described("A date and time, ISO 8601: a local one such as 2025-11-04T14:00:00 in inputs; "
                    + "an instant in UTC such as 2025-11-04T14:00:00Z in results",
                    "https://www.iso.org/iso-8601-date-and-time-format.html"),
            "TimeZonedDateTime", new Described(null, "https://www.rfc-editor.org/rfc/rfc3339"),
            "TimeZoneName", new Described(null, "https://www.iana.org/time-zones"));

    private static GraphQLAppliedDirective specifiedBy(String url) {
        return GraphQLAppliedDirective.newDirective().name("specifiedBy")
                .argument(GraphQLAppliedDirectiveArgument.newArgument().name("url").type(Scalars.GraphQLString)
                        .valueProgrammatic(url))
                .build();
    }

    @Override
    public String getConfigKey() {
        return "intake.graphql.scalar-descriptions";
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema described = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                    TraverserContext<GraphQLSchemaElement> context) {
                Described known = SCALARS.get(scalar.getName());
                if (known == null) {
                    return CONTINUE;
                }
                return changeNode(context, scalar.transform(type -> {
                    type.description(known.description() == null ? scalar.getDescription() : known.description());
                    if (known.specifiedBy() != null) {
                        // The URL answers introspection's specifiedByURL; the applied directive puts it in the SDL.
                        type.specifiedByUrl(known.specifiedBy()).withAppliedDirective(specifiedBy(known.specifiedBy()));
                    }
                }));
            }
        });
        return GraphQLSchema.newSchema(described);
    }
}
