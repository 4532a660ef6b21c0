package dev.intake.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;

class TypeRenamingTest {

    private static final String SDL = """
            type Query { batch(status: IntakeBatchStatus): IntakeImportBatch  books: BookConnection }
            type IntakeImportBatch { id: ID  events: [String]  page: IntakePageInfo }
            type IntakePageInfo { hasNextPage: Boolean }
            enum IntakeBatchStatus { PENDING DONE }
            input IntakeValueMap { from: String }
            type BookConnection { pageInfo: PageInfo }
            type PageInfo { endCursor: String }
            """;

    private static final Map<String, String> NAMES = Map.of("IntakeImportBatch", "ImportBatch", "IntakePageInfo",
            "PageInfo", "IntakeBatchStatus", "BatchStatus", "IntakeValueMap", "ValueMap");

    @Test
    void renamed_types_keep_their_fields_their_references_and_their_data_fetchers() {
        GraphQLSchema schema = schema(SDL.replace("type PageInfo { endCursor: String }", "type Other { x: String }")
                .replace("pageInfo: PageInfo", "pageInfo: Other"));

        GraphQLSchema renamed = TypeRenaming.rename(schema, NAMES, name -> "clash " + name);

        String printed = new SchemaPrinter().print(renamed);
        assertEquals(-1, printed.indexOf("Intake"), printed);
        ExecutionResult result = GraphQL.newGraphQL(renamed).build().execute("{ batch(status: DONE) { id events } }");
        assertEquals(Map.of("batch", Map.of("id", "b1", "events", java.util.List.of("DONE"))), result.getData(),
                result.getErrors().toString());
    }

    @Test
    void a_new_name_that_another_type_already_has_is_refused_with_the_callers_message() {
        IllegalStateException clash = assertThrows(IllegalStateException.class,
                () -> TypeRenaming.rename(schema(SDL), NAMES, name -> "the application has " + name));
        assertEquals("the application has PageInfo", clash.getMessage());
    }

    @Test
    void with_the_prefix_of_the_model_nothing_is_renamed() {
        GraphQLSchema schema = schema(SDL);
        assertNull(TypeRenaming.rename(schema, Map.of(), name -> name).getType("ImportBatch"));
    }

    /** The schema, with a data fetcher on a field of a type to rename, as SmallRye registers one for every field. */
    private static GraphQLSchema schema(String sdl) {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", query -> query.dataFetcher("batch",
                        environment -> Map.of("id", "b1", "status", environment.getArgument("status"))))
                .type("IntakeImportBatch", batch -> batch.dataFetcher("events",
                        environment -> java.util.List.of(((Map<?, ?>) environment.getSource()).get("status"))))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
    }
}
