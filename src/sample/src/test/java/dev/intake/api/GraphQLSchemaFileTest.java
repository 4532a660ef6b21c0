package dev.intake.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.NamedNode;
import graphql.parser.Parser;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Keeps graphql/ honest: the schema file says the schema the server serves (compared through a GraphQL parser),
 * builds as a complete schema on its own, and the examples are valid operations.
 */
@QuarkusTest
class GraphQLSchemaFileTest {

    /** The repository's graphql/ folder; tests run in the sample application's module, two folders down. */
    private static final Path GRAPHQL = Path.of("..", "..", "graphql");
    private static final Path SCHEMA_FILE = GRAPHQL.resolve("schema.graphql");
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
        assertEquals(canonical(served), canonical(committed), SCHEMA_FILE + " differs from the served schema. If the "
                + "change is intended, refresh the file with: ./mvnw test -pl src/sample -am -Dtest=GraphQLSchemaFileTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true");
    }

    @Test
    void the_schema_file_builds_a_complete_schema_on_its_own() throws IOException {
        TypeDefinitionRegistry types = new SchemaParser().parse(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8));
        GraphQLSchema built = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
        for (String scalar : List.of("BigInteger", "BigDecimal", "DateTime", "TimeZonedDateTime", "TimeZoneName")) {
            GraphQLScalarType type = (GraphQLScalarType) built.getType(scalar);
            assertNotNull(type, scalar + " is not declared in " + SCHEMA_FILE);
            assertTrue(type.getDescription() != null && !type.getDescription().isBlank(), scalar + " has no description");
        }
        assertEquals("https://www.rfc-editor.org/rfc/rfc3339",
                ((GraphQLScalarType) built.getType("TimeZonedDateTime")).getSpecifiedByUrl());
        assertNotNull(built.getQueryType().getFieldDefinition("importBatches"));
    }

    /**
     * The schema as a parser reads it, printed with its definitions in name order: two texts that say the same
     * schema compare equal, whatever their layout.
     */
    private static String canonical(String sdl) {
        Document document = Parser.parse(sdl);
        List<Definition> definitions = new java.util.ArrayList<>(document.getDefinitions());
        definitions.sort(java.util.Comparator.comparing(GraphQLSchemaFileTest::nameOf));
        return AstPrinter.printAst(document.transform(builder -> builder.definitions(definitions)));
    }

    private static String nameOf(Definition<?> definition) {
        return definition instanceof NamedNode<?> named ? definition.getClass().getSimpleName() + " " + named.getName()
                : definition.getClass().getSimpleName();
    }

    @Test
    void every_example_operation_is_valid_against_the_served_schema() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(GRAPHQL.resolve("examples"))) {
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
