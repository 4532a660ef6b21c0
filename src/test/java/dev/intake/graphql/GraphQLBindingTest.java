package dev.intake.graphql;



import static graphql.schema.visibility.DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.training.ContactInput;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.json.JsonBCreator;

/**
 * The two changes Intake makes to how SmallRye GraphQL runs an operation are in place in the running server. What
 * they do is tested where it shows: the schema file (GraphQLSchemaFileTest) and every import test.
 */
@QuarkusTest
class GraphQLBindingTest {

    @Inject
    GraphQLSchema schema;

    @Test
    void fields_are_looked_up_without_a_visibility_filter() {
        assertSame(DEFAULT_FIELD_VISIBILITY, schema.getCodeRegistry().getFieldVisibility());
    }

    @Test
    void input_classes_are_bound_through_the_compact_json() {
        assertInstanceOf(CompactInputJsonb.class, JsonBCreator.getJsonB(ContactInput.class.getName()));
    }
}
