package dev.intake.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.SampleDomainNames;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/**
 * The production server, running: the engine with no domain. Its schema has no type or mutation of the sample
 * domain and its database no table of it, it serves the import API, GraphQL and health, and it says that it has no
 * templates instead of failing.
 */
@QuarkusTest
class ServerHasNoDomainTest {

    static final String ADMIN = Jwt.preferredUserName("ada").groups(Set.of("import-admin")).claim("org", "acme")
            .issuer("https://intake.test/issuer").audience("intake").expiresIn(Duration.ofHours(1)).sign();

    @Inject
    DataSource dataSource;

    @Test
    void the_served_schema_has_no_type_or_mutation_of_the_sample_domain() {
        String sdl = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        TypeDefinitionRegistry schema = new SchemaParser().parse(sdl);
        Set<String> types = new TreeSet<>(schema.types().keySet());
        types.retainAll(SampleDomainNames.classes());
        assertEquals(Set.of(), types, "types of the sample domain in the server's schema");
        for (String mutation : SampleDomainNames.mutations()) {
            assertFalse(sdl.contains(mutation + "("), "the server's schema has the sample's mutation " + mutation);
        }
        assertTrue(schema.getType("ImportBatch").isPresent(), "the import API's own types are there");
    }

    @Test
    void the_database_has_the_engine_tables_in_their_schema_and_no_table_of_the_sample_domain() throws SQLException {
        Map<String, Set<String>> tables = new java.util.TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select table_schema, table_name from information_schema.tables
                        where table_schema not in ('pg_catalog', 'information_schema')
                        """)) {
            while (rows.next()) {
                tables.computeIfAbsent(rows.getString(1), schema -> new TreeSet<>()).add(rows.getString(2));
            }
        }
        assertEquals(Set.of("intake"), tables.keySet(), "every table is the engine's: " + tables);
        Set<String> sample = new TreeSet<>(tables.get("intake"));
        sample.retainAll(SampleDomainNames.tables());
        assertEquals(Set.of(), sample);
        assertTrue(tables.get("intake").containsAll(Set.of("import_batch", "flyway_schema_history")), tables.toString());
    }

    @Test
    void it_serves_health_graphql_and_the_import_api_and_says_it_has_no_templates() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("query", "{ importTemplates { name } importBatches { edges { node { id } } } }"))
                .post("/graphql").then().statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.importTemplates.size()", equalTo(0))
                .body("data.importBatches.edges.size()", equalTo(0));
        given().auth().oauth2(ADMIN).multiPart("file", "people.csv", "name\nAda\n".getBytes(StandardCharsets.UTF_8))
                .multiPart("template", "createContact").post("/imports").then().statusCode(400)
                .body("errors[0].error_code", equalTo("unknown-template"))
                .body("errors[0].message", containsString("has no templates"));
        given().auth().oauth2(ADMIN).get("/imports/templates/createContact.csv").then().statusCode(404)
                .body("errors[0].message", containsString("has no templates"));
    }
}
