package dev.intake.graphql;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.schema.model.Wrapper;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * Reads the fields of the application's object types, within the import engine's operations, without SmallRye
 * GraphQL's context for each field.
 * <p>
 * For every field of an object, SmallRye's {@link FieldDataFetcher} first copies the request's context and fills it
 * for that field (its path as text, its arguments, its selection twice as JSON-P arrays, all put in the GraphQL
 * context) so that the getter could read SmallRye's {@code Context}. Then it reads the public Java field or calls the
 * method, and transforms or adapts the value. Filling that context was 4.4% of an updating worker's CPU: the read
 * before a group of updates completes every field of 50 records, and each row's answer completes the record's
 * fields again. Here a field is read as SmallRye reads it (the same public Java field or method, the same
 * transformation and adaptation, by SmallRye's own {@link FieldHelper}), without that context. A getter reached
 * through an import therefore sees no field context of SmallRye's; API calls keep SmallRye's fetcher and its context.
 * <p>
 * The reading fetcher is a {@link LightDataFetcher}: graphql-java then builds no {@link DataFetchingEnvironment} for the
 * field (its step info, argument values, selection and directives), which was 3% of an updating worker's CPU. The one
 * part of SmallRye's transformation that reads the environment, a {@code Map} field's {@code key} argument, gets the
 * environment built as before.
 */
final class PlainFieldReads {

    private static final Logger LOG = Logger.getLogger(PlainFieldReads.class);

    /** The model's fields of each object type, by the type's served name and the field's name. */
    private final Map<String, Map<String, FieldOf>> fields;
    private final ClassLoader loader;
    private final Map<DataFetcher<?>, DataFetcher<?>> replaced = new ConcurrentHashMap<>();

    private PlainFieldReads(Map<String, Map<String, FieldOf>> fields, ClassLoader loader) {
        this.fields = fields;
        this.loader = loader;
    }

    static PlainFieldReads of(Schema schema, ClassLoader loader) {
        Map<String, Map<String, FieldOf>> fields = new HashMap<>();
        for (Type type : schema.getTypes().values()) {
            Map<String, FieldOf> ofType = new HashMap<>();
            type.getFields().values().forEach(field -> ofType.put(field.getName(), new FieldOf(type, field)));
            fields.put(IntakeTypeNames.served(type), Map.copyOf(ofType));
        }
        return new PlainFieldReads(Map.copyOf(fields), loader);
    }

    static PlainFieldReads none() {
        return new PlainFieldReads(Map.of(), null);
    }

    /**
     * The fetcher that reads the field without SmallRye's context, when the field's fetcher is SmallRye's
     * {@link FieldDataFetcher} and its field is in the model; otherwise the fetcher itself.
     */
    DataFetcher<?> replacing(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters) {
        if (!(fetcher instanceof FieldDataFetcher)) {
            return fetcher;
        }
        DataFetcher<?> known = replaced.get(fetcher);
        if (known != null) {
            return known;
        }
        FieldOf field = fields.getOrDefault(parameters.getExecutionStepInfo().getObjectType().getName(), Map.of())
                .get(parameters.getField().getName());
        DataFetcher<?> plain = Optional.ofNullable(field).flatMap(this::plain).orElse(fetcher);
        replaced.putIfAbsent(fetcher, plain);
        return plain;
    }

    private Optional<DataFetcher<?>> plain(FieldOf of) {
        Field field = of.field();
        try {
            Class<?> owner = Class.forName(of.type().getClassName(), false, loader);
            Read read;
            if (field.getMethodName() == null) {
                java.lang.reflect.Field javaField = owner.getField(field.getPropertyName());
                read = javaField::get;
            } else {
                Method method = owner.getMethod(field.getMethodName());
                read = method::invoke;
            }
            return Optional.of(new PlainField(read, new FieldHelper(field), readsArguments(field)));
        } catch (ReflectiveOperationException | LinkageError notReadable) {
            LOG.debugf(notReadable, "%s.%s keeps SmallRye's field fetcher", of.type().getName(), field.getName());
            return Optional.empty();
        }
    }

    /**
     * Whether SmallRye's transformation of the field's value reads the field's arguments: only a {@code Map}, at any
     * depth of its wrappers, is adapted by its {@code key} argument.
     */
    static boolean readsArguments(Field field) {
        for (Wrapper wrapper = field.getWrapper(); wrapper != null; wrapper = wrapper.getWrapper()) {
            if (wrapper.isMap()) {
                return true;
            }
        }
        return false;
    }

    private record FieldOf(Type type, Field field) {
    }

    /** Reads a Java field or calls a method without arguments, as SmallRye does. */
    @FunctionalInterface
    private interface Read {
        Object from(Object source) throws ReflectiveOperationException;
    }

    /**
     * Reads a field from its source and transforms the value as SmallRye does, building the environment only when the
     * transformation reads it.
     */
    private record PlainField(Read read, FieldHelper helper, boolean readsArguments) implements LightDataFetcher<Object> {

        @Override
        public Object get(GraphQLFieldDefinition definition, Object source,
                Supplier<DataFetchingEnvironment> environment) throws Exception {
            Object value = read.from(source);
            try {
                return helper.transformOrAdaptResponse(value, readsArguments ? environment.get() : null);
            } catch (AbstractDataFetcherException notTransformed) {
                // SmallRye's own fetcher answers the value as it is read in this case, and so does this one.
                LOG.warnf(notTransformed, "A field's value could not be transformed: %s", notTransformed.getMessage());
                return value;
            }
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
        }
    }
}
