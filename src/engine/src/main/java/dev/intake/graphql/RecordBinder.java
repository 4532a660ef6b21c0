package dev.intake.graphql;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a Java record from the map graphql-java coerced an input object into, as SmallRye GraphQL's JSON-B binding
 * would build it, without the JSON text between the two.
 * <p>
 * Only plain records have a binder: every component a string, a boxed number or boolean, an enum, another plain
 * record, or a list of one of those, with nothing that could make JSON-B bind it differently (see
 * {@link InputRecords}). Values pass through as they are, so a value whose class is not exactly the component's
 * (a {@code Long} for an {@code Integer}, say) makes {@link #bind} answer {@link #UNBOUND}, and the caller leaves
 * the input to SmallRye.
 */
final class RecordBinder {

    /** What {@link #bind} answers for a map it does not take as it is. */
    static final Object UNBOUND = new Object();

    private static final Set<Class<?>> PASSED_AS_THEY_ARE = Set.of(String.class, Boolean.class, Integer.class,
            Long.class, Double.class, BigDecimal.class, BigInteger.class);

    private final Constructor<?> constructor;
    private final String[] names;
    private final Value[] values;

    private RecordBinder(Constructor<?> constructor, String[] names, Value[] values) {
        this.constructor = constructor;
        this.names = names;
        this.values = values;
    }

    /**
     * The binder of a record whose components are all plain, or none.
     *
     * @param nested the binder of a record a component holds, or none for one that has no binder
     */
    static Optional<RecordBinder> of(Class<?> type, Function<Class<?>, Optional<RecordBinder>> nested) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameters = new Class<?>[components.length];
        String[] names = new String[components.length];
        Value[] values = new Value[components.length];
        for (int i = 0; i < components.length; i++) {
            Optional<Value> value = value(components[i].getGenericType(), nested);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            parameters[i] = components[i].getType();
            names[i] = components[i].getName();
            values[i] = value.get();
        }
        try {
            return Optional.of(new RecordBinder(type.getConstructor(parameters), names, values));
        } catch (NoSuchMethodException notPublic) {
            return Optional.empty();
        }
    }

    private static Optional<Value> value(Type type, Function<Class<?>, Optional<RecordBinder>> nested) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return value(list.getActualTypeArguments()[0], nested).map(ListOf::new);
        }
        if (!(type instanceof Class<?> plain)) {
            return Optional.empty();
        }
        if (PASSED_AS_THEY_ARE.contains(plain)) {
            return Optional.of(new AsItIs(plain));
        }
        if (plain.isEnum()) {
            return Optional.of(EnumByName.of(plain));
        }
        return nested.apply(plain).map(Nested::new);
    }

    /** The record the map describes, or {@link #UNBOUND}; a component the map leaves out is null. */
    Object bind(Map<?, ?> map) {
        Object[] arguments = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            Object value = map.get(names[i]);
            if (value != null) {
                value = values[i].of(value);
                if (value == UNBOUND) {
                    return UNBOUND;
                }
            }
            arguments[i] = value;
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException failed) {
            // A compact constructor that refuses the values: SmallRye's binding reports that its own way.
            return UNBOUND;
        }
    }

    /** How a component's value is made from the coerced value (never null). */
    private interface Value {
        Object of(Object coerced);
    }

    private record AsItIs(Class<?> type) implements Value {
        @Override
        public Object of(Object coerced) {
            return coerced.getClass() == type ? coerced : UNBOUND;
        }
    }

    private record EnumByName(Class<?> type, Map<String, Object> constants) implements Value {

        static EnumByName of(Class<?> type) {
            Map<String, Object> constants = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), constant);
            }
            return new EnumByName(type, Map.copyOf(constants));
        }

        @Override
        public Object of(Object coerced) {
            if (type.isInstance(coerced)) {
                return coerced;
            }
            Object constant = coerced instanceof String name ? constants.get(name) : null;
            return constant == null ? UNBOUND : constant;
        }
    }

    private record Nested(RecordBinder binder) implements Value {
        @Override
        public Object of(Object coerced) {
            return coerced instanceof Map<?, ?> map ? binder.bind(map) : UNBOUND;
        }
    }

    /** A list, as JSON-B gives one: an {@link ArrayList}, nulls kept. */
    private record ListOf(Value element) implements Value {
        @Override
        public Object of(Object coerced) {
            if (!(coerced instanceof List<?> list)) {
                return UNBOUND;
            }
            List<Object> bound = new ArrayList<>(list.size());
            for (Object item : list) {
                Object value = item == null ? null : element.of(item);
                if (value == UNBOUND) {
                    return UNBOUND;
                }
                bound.add(value);
            }
            return bound;
        }
    }
}
