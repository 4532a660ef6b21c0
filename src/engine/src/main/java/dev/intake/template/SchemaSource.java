package dev.intake.template;

import graphql.schema.GraphQLSchema;

/** Where the schema that templates are generated from comes from. */
public interface SchemaSource {

    /** The schema as it is now. */
    GraphQLSchema schema();
}
