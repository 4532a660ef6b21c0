package dev.intake.graphql;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.InputType;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Schema;

/**
 * The input types of the schema that bind to their Java record without SmallRye GraphQL's JSON round trip, by
 * GraphQL name. An input type qualifies when nothing SmallRye or JSON-B would apply on the way could change the
 * record it makes:
 * <ul>
 * <li>its class is a record whose components are exactly its fields, each named in GraphQL as in Java;</li>
 * <li>no field has a transformation (a date or number format), an adapter or a default value;</li>
 * <li>no JSON-B annotation sits on the class, a component, its accessor, field or constructor parameter;</li>
 * <li>every component is plain ({@link RecordBinder}), a nested input type qualifying in turn.</li>
 * </ul>
 * Any other input type is bound by SmallRye as before.
 */
final class InputRecords {

    private final Map<String, InputType> byClass;
    private final Map<String, Optional<RecordBinder>> binders = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    private InputRecords(Map<String, InputType> byClass) {
        this.byClass = byClass;
    }

    /** The binders of the qualifying input types of the schema, by GraphQL name. */
    static Map<String, RecordBinder> of(Schema schema, ClassLoader loader) {
        InputRecords records = new InputRecords(schema.getInputs().values().stream()
                .collect(Collectors.toMap(InputType::getClassName, input -> input, (one, other) -> one)));
        Map<String, RecordBinder> byName = new HashMap<>();
        for (InputType input : schema.getInputs().values()) {
            records.binder(input.getClassName(), loader)
                    .ifPresent(binder -> byName.put(IntakeTypeNames.served(input), binder));
        }
        return Map.copyOf(byName);
    }

    private Optional<RecordBinder> binder(String className, ClassLoader loader) {
        Optional<RecordBinder> known = binders.get(className);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(className)) {
            return Optional.empty(); // a record that holds itself: left to SmallRye
        }
        Optional<RecordBinder> binder = Optional.ofNullable(byClass.get(className))
                .flatMap(input -> qualifying(input, loader))
                .flatMap(type -> RecordBinder.of(type, nested -> binder(nested.getName(), loader)));
        inProgress.remove(className);
        binders.put(className, binder);
        return binder;
    }

    private static Optional<Class<?>> qualifying(InputType input, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(input.getClassName(), false, loader);
        } catch (ClassNotFoundException notLoadable) {
            return Optional.empty();
        }
        if (!type.isRecord() || hasJsonbAnnotation(type)) {
            return Optional.empty();
        }
        Map<String, Field> fields = input.getFields();
        Set<String> components = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.add(component.getName());
            if (hasJsonbAnnotation(component) || hasJsonbAnnotation(component.getAccessor())) {
                return Optional.empty();
            }
            try {
                if (hasJsonbAnnotation(type.getDeclaredField(component.getName()))) {
                    return Optional.empty();
                }
            } catch (NoSuchFieldException impossible) {
                return Optional.empty();
            }
        }
        Class<?>[] parameterTypes = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            for (Parameter parameter : type.getDeclaredConstructor(parameterTypes).getParameters()) {
                if (hasJsonbAnnotation(parameter)) {
                    return Optional.empty();
                }
            }
        } catch (NoSuchMethodException impossible) {
            return Optional.empty();
        }
        boolean plainFields = fields.values().stream().allMatch(InputRecords::plain);
        Set<String> properties = fields.values().stream().map(Field::getPropertyName).collect(Collectors.toSet());
        return plainFields && properties.equals(components) ? Optional.of(type) : Optional.empty();
    }

    private static boolean plain(Field field) {
        Reference reference = field.getReference();
        return field.getName().equals(field.getPropertyName()) && !field.hasTransformation() && !field.isAdaptingTo()
                && !field.isAdaptingWith() && !field.hasDefaultValue() && !reference.isAdaptingTo()
                && !reference.isAdaptingWith();
    }

    private static boolean hasJsonbAnnotation(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getPackageName().startsWith("jakarta.json.bind")) {
                return true;
            }
        }
        return false;
    }
}
