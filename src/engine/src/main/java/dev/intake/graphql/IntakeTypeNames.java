package dev.intake.graphql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;

import graphql.schema.GraphQLSchema;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.spi.EventingService;

/**
 * Names Intake's GraphQL types as the application wants: as clients know them ({@code ImportBatch},
 * {@code PageInfo}…) by default, or behind the prefix {@code intake.graphql.type-prefix} when the application has a
 * type of the same name.
 * <p>
 * In the schema model SmallRye builds from the classes, every type of Intake's is named with the prefix
 * {@value #MODEL_PREFIX} ({@code @Type("IntakeImportBatch")}), so that it never meets a type of the application
 * there, where two classes of one name fail the build. Before the schema is served, this puts the configured prefix
 * in its place. A clash left (the application's {@code PageInfo} and Intake's, with no prefix) stops the start with a
 * message that says which setting to give.
 * <p>
 * Registered with {@link java.util.ServiceLoader} ({@code META-INF/services}), as SmallRye GraphQL finds its
 * eventing services; it renames Intake's types alone: those whose class is the engine's.
 */
public final class IntakeTypeNames implements EventingService {

    /** The prefix of Intake's type names in the model. */
    static final String MODEL_PREFIX = "Intake";

    private static final String ENGINE_PACKAGE = "dev.intake.";
    private static final String TYPE_PREFIX = "intake.graphql.type-prefix";

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        String prefix = prefix();
        Map<String, String> names = new LinkedHashMap<>();
        try (InstanceHandle<Schema> model = Arc.container().instance(Schema.class)) {
            if (!model.isAvailable() || model.get() == null || prefix.equals(MODEL_PREFIX)) {
                return builder;
            }
            engineTypes(model.get()).forEach(type -> names.put(type.getName(), served(type, prefix)));
        }
        if (names.isEmpty()) {
            return builder;
        }
        GraphQLSchema renamed = TypeRenaming.rename(builder.build(), names, name -> "The application's GraphQL schema "
                + "has a type named " + name + ", and so has Intake's import API; give Intake's types a prefix with "
                + TYPE_PREFIX + ", for example " + MODEL_PREFIX + ", which names them " + MODEL_PREFIX + name
                + " and so on");
        return GraphQLSchema.newSchema(renamed);
    }

    /** The name a type of the model is served under: its own, or for one of Intake's, behind the configured prefix. */
    static String served(Reference type) {
        return isEngineType(type) ? served(type, prefix()) : type.getName();
    }

    private static String served(Reference type, String prefix) {
        return prefix + type.getName().substring(MODEL_PREFIX.length());
    }

    /**
     * The configured prefix. SmallRye builds the schema while the application initialises, before runtime settings
     * are mapped, so the setting itself is read (a build-time one, fixed in a native image).
     */
    private static String prefix() {
        return ConfigProvider.getConfig().getOptionalValue(TYPE_PREFIX, String.class).orElse("");
    }

    /** The engine's types, inputs and enums in the model. */
    private static Stream<Reference> engineTypes(Schema model) {
        return Stream.<Reference>concat(Stream.concat(model.getTypes().values().stream(),
                model.getInputs().values().stream()), model.getEnums().values().stream())
                .filter(IntakeTypeNames::isEngineType);
    }

    private static boolean isEngineType(Reference type) {
        return type.getClassName().startsWith(ENGINE_PACKAGE) && type.getName().startsWith(MODEL_PREFIX);
    }
}
