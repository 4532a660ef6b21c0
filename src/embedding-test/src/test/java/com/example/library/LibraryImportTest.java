package com.example.library;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The engine embedded in an application of its own: the library's books, members and loans import through its own
 * GraphQL mutations, with their lookups and enum, and nothing of the library is changed by the engine being there:
 * its layout, its exception mapper, its PageInfo type and its Flyway history.
 */
@QuarkusTest
class LibraryImportTest {

    private static final String LIBRARY = "lindisfarne";
    private static final String TOKEN = LibraryTokens.librarian(LIBRARY);

    @Inject
    ImportWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void the_librarys_mutations_are_its_templates_as_the_application_chose_them() {
        JsonPath templates = graphql(TOKEN, "{ importTemplates { name entity action columns { reference type lookup "
                + "allowedValues } } }");
        assertEquals(List.of("addBook", "lendBook", "registerMember"), templates.getList("data.importTemplates.name"),
                "returnBook is left out by intake.templates.exclude");
        assertEquals(List.of("CHILDREN", "FICTION", "NON_FICTION", "REFERENCE"), templates.getList(
                "data.importTemplates.find { it.name == 'addBook' }.columns.find { it.reference == 'input/genre' }"
                        + ".allowedValues"));
        assertEquals("lookup(members, cardNumber)", templates.getString(
                "data.importTemplates.find { it.name == 'lendBook' }.columns.find { it.reference == 'input/member' }"
                        + ".lookup"));
    }

    @Test
    void books_members_and_loans_import_through_rest_with_their_lookups_and_failures_named() {
        JsonPath books = importFile("addBook", "books.csv", """
                isbn,title,genre
                9780141439518,Pride and Prejudice,FICTION
                9780198609278,The Concise Oxford Dictionary,REFERENCE
                9781234,A Short Number,FICTION
                9780007117116,The Hobbit,FANTASY
                """);
        assertEquals("PARTIAL_SUCCESS", books.getString("status"), books.prettify());
        assertEquals(2, books.getInt("successCount"));
        List<String> failures = failures(books.getString("id"));
        assertTrue(failures.contains("Row 4, column Isbn (input/isbn): must be an ISBN-13 of 13 digits, starting 978 or "
                + "979 (got '9781234')"), failures.toString());
        assertTrue(failures.stream().anyMatch(failure -> failure.startsWith("Row 5, column Genre (input/genre)")
                && failure.contains("FANTASY")), failures.toString());

        assertEquals("COMPLETED", importFile("registerMember", "members.csv", """
                cardNumber,name
                L-001,Ada Lovelace
                L-002,Alan Turing
                """).getString("status"));
        JsonPath loans = importFile("lendBook", "loans.csv", """
                book,Card,dueOn
                9780141439518,L-001,2026-12-20
                9780198609278,L-404,2026-12-21
                """);
        assertEquals("PARTIAL_SUCCESS", loans.getString("status"), loans.prettify());
        assertEquals(List.of("Row 3, column Member (input/member): No member has the cardNumber 'L-404' or that ID "
                + "(lookup policy fail)"), failures(loans.getString("id")),
                "the header Card is the member's alias, so the file was mapped; the lookup names what it missed");

        JsonPath library = graphql(TOKEN, "{ books { nodes { isbn genre } pageInfo { totalCount hasNextPage } } "
                + "loans { isbn cardNumber dueOn } }");
        assertEquals(2, library.getInt("data.books.pageInfo.totalCount"));
        assertEquals(List.of(Map.of("isbn", "9780141439518", "cardNumber", "L-001", "dueOn", "2026-12-20")),
                library.getList("data.loans"));
    }

    @Test
    void a_host_without_micrometer_gets_no_metrics_endpoint_and_no_micrometer_from_the_engine() {
        // the imports of the other tests run in this very application, without Micrometer
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.micrometer.core.instrument.Metrics"),
                "the library has no Micrometer, and the engine brings none");
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void the_librarys_pagination_type_keeps_its_name_and_intakes_takes_the_prefix() {
        JsonPath types = graphql(TOKEN, "{ books { pageInfo { __typename } } importBatches(first: 1) { pageInfo "
                + "{ __typename } edges { node { __typename } } } }");
        assertEquals("PageInfo", types.getString("data.books.pageInfo.__typename"));
        assertEquals("IntakePageInfo", types.getString("data.importBatches.pageInfo.__typename"));
        String schema = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        assertTrue(schema.contains("type PageInfo {") && schema.contains("totalCount: Int!"), "the library's own");
        assertTrue(schema.contains("type IntakePageInfo {") && schema.contains("type IntakeImportBatch {")
                && !schema.contains("type ImportBatch {"), "Intake's, behind the prefix");
    }

    @Test
    void the_librarys_exception_mapper_answers_its_endpoints_and_intakes_answer_intakes() {
        given().auth().oauth2(TOKEN).get("/library/books/9789999999999").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("No book has the ISBN 9789999999999"));
        given().auth().oauth2(TOKEN).get("/imports/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType(ContentType.JSON).body("errors[0].error_code", equalTo("batch-not-found"));
        given().auth().oauth2(TOKEN).get("/imports/templates/addBok.csv").then().statusCode(404)
                .body("errors[0].error_code", equalTo("unknown-template"))
                .body("errors[0].details", containsString("addBook"));
    }

    @Test
    void the_librarys_own_layout_is_its_own() {
        String page = given().auth().oauth2(TOKEN).get("/library").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Library of Lindisfarne") && page.contains("books on the shelves"), page);
        assertFalse(page.contains("/intake/console.css"), "the console's layout stays the console's: " + page);
    }

    @Test
    void the_library_and_intake_keep_their_own_migration_histories() throws SQLException {
        assertEquals(List.of("1 library"), rows("select version || ' ' || description from public.flyway_schema_history "
                + "where version is not null order by installed_rank"));
        List<String> engine = rows("select version || ' ' || description from intake.flyway_schema_history "
                + "where version is not null order by installed_rank");
        assertEquals("1 engine tables", engine.get(0), engine.toString());
        assertTrue(engine.stream().noneMatch(migration -> migration.contains("library")), engine.toString());
        assertEquals(List.of("book", "flyway_schema_history", "loan", "member"), rows("select table_name from "
                + "information_schema.tables where table_schema = 'public' order by table_name"));
    }

    private JsonPath importFile(String template, String filename, String csv) {
        String id = given().auth().oauth2(TOKEN).multiPart("file", filename, csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", template).post("/imports").then().statusCode(202).extract().path("id");
        worker.drain();
        return given().auth().oauth2(TOKEN).get("/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> failures(String id) {
        return graphql(TOKEN, "query($id: ID!) { importBatch(id: $id) { failures { edges { node { message } } } } }",
                Map.of("id", id)).getList("data.importBatch.failures.edges.node.message");
    }

    private static JsonPath graphql(String token, String query) {
        return graphql(token, query, Map.of());
    }

    private static JsonPath graphql(String token, String query, Map<String, Object> variables) {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).post("/graphql");
        JsonPath json = response.then().statusCode(200).extract().jsonPath();
        assertNull(json.get("errors"), response.asString());
        return json;
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
