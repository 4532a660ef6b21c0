package dev.intake.template;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import graphql.schema.GraphQLSchema;

/** The in-process schema source: the schema the application serves on {@code /graphql}. */
@ApplicationScoped
public class ServedSchema implements SchemaSource {

    @Inject
    GraphQLSchema schema;

    @Override
    public GraphQLSchema schema() {
        return schema;
    }
}
