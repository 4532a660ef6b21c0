package dev.intake.upload;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Files as spreadsheets and other systems write them, each a fixture of its own: semicolon-separated CSV with
 * decimal commas, tab-separated values, Excel's {@code sep=} line, and NDJSON with nested objects, wrong types and
 * broken lines.
 */
@QuarkusTest
class FileDialectFlowTest {

    /** An organisation of this test's own, so the fixtures' fixed names are its own. */
    private static final String DANA = Tokens.of("dana", "dialect-co", "import-admin", "events-writer",
            "accounts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_semicolon_file_is_read_with_decimal_commas_and_its_reports_keep_the_semicolons() throws IOException {
        Catalogue.courseTemplate(DANA, "SC-1");
        Catalogue.location(DANA, "Semicolon Hall");
        JsonPath done = upload("createEvent", "semicolon-events.csv", fixture("dialects/semicolon-events.csv"));
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals("CSV", done.getString("format"));
        assertEquals("semicolon", done.getString("delimiter"));
        assertEquals(List.of("Row 3, column Price (input/price): '12,5x' is not valid; expected a decimal number such "
                + "as 9.99, with a point and no thousands separator"), messages(done.getString("id")));
        JsonPath events = Imports.graphql(DANA, "{ events { title price } }", Map.of());
        assertEquals(450.5f, ((Number) events.getMap("data.events.find { it.title == 'Comma decimals' }").get("price"))
                .floatValue(), "450,50 in a semicolon file is 450.50");

        String exceptions = Imports.as(DANA).get("/imports/" + done.getString("id") + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.lines().findFirst().orElseThrow().contains("Capacity;Course Template;"), exceptions);
        assertTrue(exceptions.contains(";12,5x;;3;VALIDATION;"), "the failed row, separated as the upload was: "
                + exceptions);
    }

    @Test
    void a_tab_separated_file_is_read_with_its_quotes_and_leading_zeros() {
        JsonPath done = upload("createLocation", "tab-locations.tsv", fixture("dialects/tab-locations.tsv"));
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals("tab", done.getString("delimiter"));
        JsonPath locations = Imports.graphql(DANA, "{ locations { name address { street postcode } } }", Map.of());
        assertEquals("01234", locations.getString("data.locations.find { it.name == 'Tab Hall' }.address.postcode"));
        assertEquals("2 Tab Road, rear", locations.getString("data.locations.find { it.name == 'Tab Annex' }.address.street"));
    }

    @Test
    void excels_sep_line_names_the_separator_is_not_a_row_and_is_written_back() {
        JsonPath done = upload("createAccount", "sep-line-accounts.csv", fixture("dialects/sep-line-accounts.csv"));
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals("semicolon", done.getString("delimiter"));
        assertEquals(List.of("Row 3, column Name (input/name): a value is required"), messages(done.getString("id")),
                "row numbers are the sheet's: the sep= line is not one");
        String exceptions = Imports.as(DANA).get("/imports/" + done.getString("id") + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.startsWith("\uFEFFsep=;\r\nName;"), exceptions);
    }

    @Test
    void the_upload_may_name_the_separator_and_a_wrong_one_is_refused() {
        byte[] semicolons = "name;website\r\nNamed Separator Ltd;\r\n".getBytes();
        String id = Imports.as(DANA).multiPart("file", "named.csv", semicolons, "text/csv")
                .multiPart("template", "createAccount").multiPart("delimiter", "semicolon").post("/imports").then()
                .statusCode(202).extract().path("id");
        assertEquals("COMPLETED", Imports.finish(worker, DANA, id).getString("status"));
        Imports.as(DANA).multiPart("file", "named.csv", semicolons, "text/csv").multiPart("template", "createAccount")
                .multiPart("delimiter", "pipe").post("/imports").then().statusCode(400)
                .body("errors[0].error_code", org.hamcrest.Matchers.equalTo("invalid-delimiter"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("expected comma, semicolon or tab"));
    }

    @Test
    void an_ndjson_file_imports_nested_objects_and_fails_each_bad_line_on_its_own() {
        JsonPath done = upload("createLocation", "locations.ndjson", fixture("ndjson/locations.ndjson"));
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        assertEquals("NDJSON", done.getString("format"));
        assertEquals(2, done.getInt("successCount"));
        List<String> messages = messages(done.getString("id"));
        assertEquals(6, messages.size(), String.join("\n", messages));
        assertTrue(messages.get(0).startsWith("Line 4, position "), messages.get(0));
        assertTrue(messages.get(0).contains("is not valid JSON"), messages.get(0));
        assertEquals("Line 5 is a JSON array, not an object; each line must be one JSON object, such as "
                + "{\"emailAddress\": \"ada@example.com\"}", messages.get(1));
        assertEquals("Row 6, column Wheelchair Accessible (input/wheelchairAccessible): 'maybe' is not valid; expected "
                + "true or false (or yes/no, y/n, 1/0, on/off)", messages.get(2));
        assertEquals("Line 7: 'wheelchairAccessible' (input/wheelchairAccessible) expects true or false, but the line "
                + "has 1 (a JSON number)", messages.get(3));
        assertTrue(messages.get(4).startsWith("Line 8: 'colour' is not a field of the template"), messages.get(4));
        assertEquals("Row 9, column Name (input/name): a value is required", messages.get(5), "null means not given");

        JsonPath locations = Imports.graphql(DANA, "{ locations { name wheelchairAccessible address { city postcode } } }",
                Map.of());
        assertEquals("1234", locations.getString("data.locations.find { it.name == 'Json Hall' }.address.postcode"),
                "a number for a text field keeps its digits");
        assertEquals(Boolean.TRUE, locations.get("data.locations.find { it.name == 'Json Hall' }.wheelchairAccessible"));
        assertEquals("York", locations.getString("data.locations.find { it.name == 'Json Annex' }.address.city"),
                "keys may be references");

        List<JsonPath> results = Imports.as(DANA).get("/imports/" + done.getString("id") + "/results.ndjson").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson")).extract()
                .asString().lines().map(JsonPath::from).toList();
        assertEquals(8, results.size(), "one line per row");
        assertEquals(1, results.get(0).getInt("rowNumber"));
        assertEquals("SUCCESS", results.get(0).getString("outcome"));
        assertEquals("CREATED", results.get(0).getString("action"));
        assertTrue(results.get(0).getString("entityId").length() > 4, results.get(0).prettify());
        JsonPath broken = results.stream().filter(line -> line.getInt("rowNumber") == 4).findFirst().orElseThrow();
        assertEquals("FAILED", broken.getString("outcome"));
        assertEquals("PARSE", broken.getString("errorType"));
        assertTrue(broken.getString("error").startsWith("Line 4, position "), broken.prettify());
    }

    @Test
    void a_format_named_on_the_upload_does_not_let_a_pdf_or_utf16_file_past_the_door() {
        Imports.as(DANA).multiPart("file", "report.csv", "%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.US_ASCII))
                .multiPart("template", "createLocation").multiPart("format", "CSV").post("/imports").then().statusCode(400)
                .body("errors[0].error_code", equalTo("unsupported-file"))
                .body("errors[0].message", equalTo("The file is a PDF document, not CSV or NDJSON text"));
        Imports.as(DANA).multiPart("file", "rows.ndjson", "\uFEFF{\"name\": \"Hall\"}".getBytes(StandardCharsets.UTF_16LE))
                .multiPart("template", "createLocation").multiPart("format", "NDJSON").post("/imports").then()
                .statusCode(400).body("errors[0].error_code", equalTo("unsupported-file"))
                .body("errors[0].message", startsWith("The file is UTF-16 text"));
    }

    @Test
    void the_original_file_downloads_as_it_came_with_the_media_type_of_its_format() {
        byte[] ndjson = fixture("ndjson/locations.ndjson");
        String id = upload("createLocation", "originals.ndjson", ndjson).getString("id");
        Response original = Imports.as(DANA).get("/imports/" + id + "/original");
        assertEquals(200, original.statusCode());
        assertEquals("application/x-ndjson", original.contentType().split(";")[0]);
        assertArrayEquals(ndjson, original.asByteArray());

        byte[] csv = fixture("dialects/tab-locations.tsv");
        String csvId = upload("createLocation", "originals.tsv", csv).getString("id");
        Response csvOriginal = Imports.as(DANA).get("/imports/" + csvId + "/original");
        assertEquals("text/csv", csvOriginal.contentType().split(";")[0]);
        assertArrayEquals(csv, csvOriginal.asByteArray());
    }

    private JsonPath upload(String template, String filename, byte[] content) {
        String id = Imports.upload(DANA, template, filename, content).then().statusCode(202).extract().path("id");
        return Imports.finish(worker, DANA, id);
    }

    private static List<String> messages(String id) {
        return Imports.graphql(DANA, "query($id: ID!) { importBatch(id: $id) { failures { edges { node { message } } } } }",
                Map.of("id", id)).getList("data.importBatch.failures.edges.node.message");
    }

    private static byte[] fixture(String name) {
        try (InputStream in = FileDialectFlowTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
