package dev.intake.graphql;

import java.util.HashMap;
import java.util.Map;

import jakarta.json.bind.Jsonb;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.graphql.json.JsonBCreator;
import io.smallrye.graphql.schema.model.InputType;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.spi.EventingService;

/**
 * Binds every input class of the schema through a {@link CompactInputJsonb} around the JSON-B SmallRye GraphQL
 * chose for it. Every row of an import goes through this binding once; writing its JSON through JSON-B was a
 * twentieth of the workers' time.
 * <p>
 * It binds every input class of the schema, the application's API calls included, so it runs only when the
 * application turns it on with {@code intake.graphql.compact-input-binding=true}. Registered with
 * {@link java.util.ServiceLoader} ({@code META-INF/services}), as SmallRye GraphQL finds its eventing services, which
 * loads it only when that setting is true. SmallRye asks for the overrides while it bootstraps, once its own choices
 * are made; the input classes are read from the schema model it is bootstrapping.
 */
public final class CompactInputBinding implements EventingService {

    @Override
    public String getConfigKey() {
        return "intake.graphql.compact-input-binding";
    }

    @Override
    public Map<String, Jsonb> overrideJsonbConfig() {
        Map<String, Jsonb> overrides = new HashMap<>();
        try (InstanceHandle<Schema> schema = Arc.container().instance(Schema.class)) {
            if (schema.isAvailable() && schema.get() != null) {
                for (InputType input : schema.get().getInputs().values()) {
                    String className = input.getClassName();
                    overrides.put(className, new CompactInputJsonb(JsonBCreator.getJsonB(className)));
                }
            }
        }
        return overrides;
    }
}
