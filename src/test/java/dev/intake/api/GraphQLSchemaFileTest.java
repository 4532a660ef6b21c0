package dev.intake.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;

/** Keeps graphql/ honest: the schema file is the served schema, and the examples are valid operations. */
@QuarkusTest
class GraphQLSchemaFileTest {

    private static final Path SCHEMA_FILE = Path.of("graphql", "schema.graphql");
    private static final String UPDATE = "update-graphql-schema";

    @Inject
    GraphQLSchema schema;

    @Test
    void the_schema_file_is_the_schema_the_server_serves() throws IOException {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(SCHEMA_FILE, served, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(SCHEMA_FILE) ? Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8) : "";
        assertEquals(served, committed, SCHEMA_FILE + " differs from the served schema. If the change is intended, "
                + "refresh the file with: ./mvnw test -Dtest=GraphQLSchemaFileTest -D" + UPDATE + "=true");
    }

    @Test
    void every_example_operation_is_valid_against_the_served_schema() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("graphql", "examples"))) {
            examples = files.filter(file -> file.toString().endsWith(".graphql")).sorted().toList();
        }
        assertTrue(examples.size() >= 3, "examples: " + examples);
        for (Path example : examples) {
            ExecutionInput input = ExecutionInput.newExecutionInput(Files.readString(example, StandardCharsets.UTF_8)).build();
            ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema, input);
            assertTrue(!result.isFailure(), example + ": " + result.getErrors());
        }
    }
}
