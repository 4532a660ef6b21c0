package dev.intake.graphql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Wrapper;
import io.smallrye.graphql.schema.model.WrapperType;

/**
 * A field read without SmallRye's context gets graphql-java's environment only when SmallRye's transformation of its
 * value reads the field's arguments: a {@code Map}, at any depth of its wrappers.
 */
class PlainFieldReadsTest {

    @Test
    void a_plain_value_or_a_list_is_read_without_the_environment() {
        assertFalse(PlainFieldReads.readsArguments(field()));
        assertFalse(PlainFieldReads.readsArguments(field(new Wrapper(WrapperType.COLLECTION, "java.util.List"))));
        assertFalse(PlainFieldReads.readsArguments(field(new Wrapper(WrapperType.OPTIONAL, "java.util.Optional"))));
    }

    @Test
    void a_map_is_read_with_the_environment_for_its_key_argument_even_inside_a_list() {
        assertTrue(PlainFieldReads.readsArguments(field(new Wrapper(WrapperType.MAP, "java.util.Map"))));

        Wrapper list = new Wrapper(WrapperType.COLLECTION, "java.util.List");
        list.setWrapper(new Wrapper(WrapperType.MAP, "java.util.Map"));
        assertTrue(PlainFieldReads.readsArguments(field(list)));
    }

    private static Field field(Wrapper... wrapper) {
        Field field = new Field("getValues", "values", "values", new Reference());
        if (wrapper.length > 0) {
            field.setWrapper(wrapper[0]);
        }
        return field;
    }
}
