package dev.intake.graphql;



import static graphql.schema.visibility.DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;

import org.junit.jupiter.api.Test;

import dev.intake.training.ContactInput;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.json.JsonBCreator;
import io.smallrye.graphql.schema.model.InputType;
import io.smallrye.graphql.schema.model.Schema;

/**
 * The changes Intake makes to how SmallRye GraphQL runs an operation are in place in the running server, and the
 * records bound without JSON are those SmallRye's own JSON-B makes. What the changes do is tested where it shows: the
 * schema file (GraphQLSchemaFileTest) and every import test.
 */
@QuarkusTest
class GraphQLBindingTest {

    @Inject
    GraphQLSchema schema;

    @Inject
    Schema model;

    @Test
    void fields_are_looked_up_without_a_visibility_filter() {
        assertSame(DEFAULT_FIELD_VISIBILITY, schema.getCodeRegistry().getFieldVisibility());
    }

    @Test
    void input_classes_are_bound_through_the_compact_json() {
        assertInstanceOf(CompactInputJsonb.class, JsonBCreator.getJsonB(ContactInput.class.getName()));
    }

    @Test
    void plain_input_records_bind_without_json_and_others_through_it() {
        Map<String, RecordBinder> records = InputRecords.of(model, Thread.currentThread().getContextClassLoader());
        assertTrue(records.keySet().containsAll(List.of("ContactInput", "UpdateContactInput", "UpsertContactInput",
                "CustomFieldValueInput", "AddressInput")), records.keySet().toString());
        assertFalse(records.containsKey("EventInput"), "its dates and time zones are scalars JSON-B binds");
    }

    @Test
    void every_plain_input_record_is_the_one_smallrye_would_bind() throws Exception {
        Map<String, RecordBinder> records = InputRecords.of(model, Thread.currentThread().getContextClassLoader());
        for (InputType input : model.getInputs().values()) {
            RecordBinder binder = records.get(input.getName());
            if (binder == null) {
                continue;
            }
            Class<?> type = Class.forName(input.getClassName());
            Map<String, Object> sample = sample(type);
            Jsonb smallrye = JsonBCreator.getJsonB(input.getClassName());
            assertEquals(smallrye.fromJson(smallrye.toJson(sample), type), binder.bind(sample), input.getName());
        }
    }

    /** A map such as graphql-java coerces an input object of the record into, every component given. */
    private static Map<String, Object> sample(Class<?> type) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            map.put(component.getName(), sampleValue(component.getGenericType(), component.getName()));
        }
        return map;
    }

    private static Object sampleValue(Type type, String name) {
        if (type instanceof ParameterizedType list) {
            return List.of(sampleValue(list.getActualTypeArguments()[0], name), sampleValue(list.getActualTypeArguments()[0], name + "2"));
        }
        Class<?> plain = (Class<?>) type;
        if (plain == String.class) {
            return name + " \"value\"";
        }
        if (plain == Integer.class) {
            return name.length();
        }
        if (plain == Long.class) {
            return 9_007_199_254_740_993L;
        }
        if (plain == Double.class) {
            return 0.1;
        }
        if (plain == BigDecimal.class) {
            return new BigDecimal("450.10");
        }
        if (plain == BigInteger.class) {
            return new BigInteger("123456789012345678901234567890");
        }
        if (plain == Boolean.class) {
            return Boolean.TRUE;
        }
        if (plain.isEnum()) {
            return ((Enum<?>) plain.getEnumConstants()[plain.getEnumConstants().length - 1]).name();
        }
        return sample(plain);
    }
}
