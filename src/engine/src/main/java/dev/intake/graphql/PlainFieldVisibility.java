package dev.intake.graphql;

import static graphql.schema.visibility.DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY;

import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.graphql.spi.config.Config;

/**
 * Gives the schema graphql-java's plain field visibility when none is configured.
 * <p>
 * SmallRye GraphQL reads the setting's default value ({@code default}) as a list of patterns of fields to hide: a
 * pattern that matches no field, since a field's name always holds a dot, but which graphql-java then checks with a
 * regular expression, on a name it builds anew, every time it looks up a field's definition. An import runs that
 * lookup several times per row; it was a tenth of what the workers allocated. The visible schema is the same either
 * way. A configured list of patterns, or {@code no-introspection}, is left as SmallRye built it.
 * <p>
 * It acts on the whole schema, so it runs only when the application turns it on with
 * {@code intake.graphql.plain-field-visibility=true}. Registered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services}), as SmallRye GraphQL finds its eventing services, which loads it only when that
 * setting is true.
 */
public final class PlainFieldVisibility implements EventingService {

    @Override
    public String getConfigKey() {
        return "intake.graphql.plain-field-visibility";
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        if (!Config.FIELD_VISIBILITY_DEFAULT.equals(Config.get().getFieldVisibility())) {
            return builder;
        }
        // The builder does not say which code registry it holds: build once to read it (nothing else is kept).
        return builder.codeRegistry(builder.build().getCodeRegistry()
                .transform(registry -> registry.fieldVisibility(DEFAULT_FIELD_VISIBILITY)));
    }
}
