package dev.intake.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.graphql.MutationInvoker;
import dev.intake.processing.ImportWorker;
import dev.intake.security.Uploader;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.target.RowResult;
import dev.intake.target.RowSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Every field type shows in row 4 of a template, and a wrong value of each fails its row saying what was expected. */
@QuarkusTest
class FieldTypesTest {

    private static final String EVENTS = Tokens.of("erin", "field-types", "import-admin", "events-writer",
            "contacts-writer", "accounts-writer");

    @Inject
    ImportWorker worker;

    @Inject
    MutationInvoker invoker;

    @Test
    void row_four_names_every_field_type() {
        assertEquals(Map.of(
                "input/capacity", "Number (Required)",
                "input/courseTemplate", "Lookup: lookup(courseTemplates, code) (Required)",
                "input/end", "TimeZoned DateTime (Required)",
                "input/status", "Fixed: CANCELLED, DRAFT, PUBLISHED (Required)",
                "input/timeZone", "TimeZone Name (Required)",
                "input/title", "Text (Required)",
                "input/price", "Decimal (Optional)",
                "input/registrationOpens", "LocalDateTime (Optional)"), types("createEvent", List.of("input/capacity",
                        "input/courseTemplate", "input/end", "input/status", "input/timeZone", "input/title",
                        "input/price", "input/registrationOpens")));
        assertEquals(Map.of("input/wheelchairAccessible", "Boolean (Optional)", "input/address/city", "Text (Required)",
                "input/address/postcode", "Text (Optional)"), types("createLocation", List.of("input/wheelchairAccessible",
                        "input/address/city", "input/address/postcode")));
        assertEquals(Map.of("input/id", "ID (Required)"), types("updateEvent", List.of("input/id")));
    }

    @Test
    void a_wrong_value_of_each_type_fails_its_row_naming_the_column_and_the_expected_format() {
        Catalogue.courseTemplate(EVENTS, "FT-1");
        Catalogue.location(EVENTS, "Field Hall");
        String good = "12,FT-1,2026-03-02T17:00:00+01:00,Field Hall,2026-03-02T09:00:00+01:00,PUBLISHED,Europe/Paris,Ok,"
                + "450.00,2026-01-10T09:00:00";
        String id = upload("createEvent", Imports.csv(
                "capacity,courseTemplate,end,location,start,status,timeZone,title,price,registrationOpens",
                good,
                good.replace("12,", "twelve,"),
                good.replace("450.00", "450,00").replace(",Ok,", ",\"Ok\",").replace(",450,00,", ",\"450,00\","),
                good.replace("2026-03-02T09:00:00+01:00", "2026-03-02T09:00:00"),
                good.replace("Europe/Paris", "America/New_Yrok"),
                good.replace("PUBLISHED", "LIVE"),
                good.replace("2026-01-10T09:00:00", "2026-01-10T09:00:00+01:00"),
                good.replace("FT-1", "NO-SUCH")));

        assertEquals(List.of(
                "Row 3, column Capacity (input/capacity): 'twelve' is not valid; expected a whole number such as 42",
                "Row 4, column Price (input/price): '450,00' is not valid; expected a decimal number such as 9.99, with a "
                        + "point and no thousands separator",
                "Row 5, column Start (input/start): '2026-03-02T09:00:00' is not valid; expected a date and time with its "
                        + "offset from UTC, such as 2025-11-04T14:00:00+03:00",
                "Row 6, column Time Zone (input/timeZone): 'America/New_Yrok' is not valid; expected a time zone name such "
                        + "as America/New_York or Europe/London",
                "Row 7, column Status (input/status): 'LIVE' is not valid; expected one of CANCELLED, DRAFT, PUBLISHED",
                "Row 8, column Registration Opens (input/registrationOpens): '2026-01-10T09:00:00+01:00' is not valid; "
                        + "expected a date and time without offset, such as 2025-11-04T14:00:00",
                "Row 9, column Course Template (input/courseTemplate): No course template has the code 'NO-SUCH' or that ID"),
                messages(id));
        assertEquals(List.of("VALIDATION", "VALIDATION", "VALIDATION", "VALIDATION", "VALIDATION", "VALIDATION", "LOOKUP"),
                failures(id).getList("data.importBatch.failures.edges.node.errorType"));
        JsonPath event = Imports.graphql(EVENTS, "{ events { title start end timeZone capacity price registrationOpens } }",
                Map.of());
        Map<String, Object> imported = event.getMap("data.events[0]");
        assertEquals("2026-03-02T09:00+01:00", imported.get("start"), "stored with its instant, shown in the event's zone");
        assertEquals(450.00f, ((Number) imported.get("price")).floatValue());
    }

    /**
     * Within an import's own operations, fields are read without SmallRye's context for each field: what they answer
     * must not change, for a custom scalar, a date, a decimal, an enum, nested objects and a list (empty here: the
     * event has no prices).
     */
    @Test
    void an_import_operation_reads_every_field_type_as_an_api_call_does() throws Exception {
        Catalogue.courseTemplate(EVENTS, "FT-2");
        Catalogue.location(EVENTS, "Read Hall");
        upload("createEvent", Imports.csv(
                "capacity,courseTemplate,end,location,start,status,timeZone,title,price,registrationOpens",
                "8,FT-2,2026-05-02T17:30:00-04:00,Read Hall,2026-05-02T09:15:00-04:00,DRAFT,America/New_York,Read,"
                        + "1234.50,2026-04-01T08:00:00"));
        String fields = " events(limit: 1000) { id title start end timeZone capacity price status registrationOpens"
                + " courseTemplate { id code title description } location { id name timeZone wheelchairAccessible"
                + " address { street city postcode country } } prices { currency amount } } }";

        String api = Imports.as(EVENTS).contentType(ContentType.JSON).body(Map.of("query", "query {" + fields))
                .when().post("/graphql").then().statusCode(200).extract().asString();
        Object imported = QuarkusTransaction.requiringNew().call(() -> {
            try (RowSession session = invoker.open(new Uploader("erin", List.of("import-admin", "events-writer"),
                    "field-types"))) {
                RowResult result = session.query("query Import {" + fields, Map.of());
                assertTrue(result.ok(), () -> String.valueOf(result.errors()));
                return result.value();
            }
        });

        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(api).get("data");
        assertTrue(expected.get("events").toString().contains("\"2026-04-01T08:00:00\""), expected::toString);
        assertEquals(expected, json.readTree(json.writeValueAsString(imported)));
    }

    @Test
    void boolean_and_id_cells_are_checked_too() {
        String location = upload("createLocation", Imports.csv("name,address/street,address/city,address/country,timeZone,"
                + "wheelchairAccessible", "Hall A,1 Road,Leeds,GB,Europe/London,perhaps"));
        assertEquals(List.of("Row 2, column Wheelchair Accessible (input/wheelchairAccessible): 'perhaps' is not valid; "
                + "expected true or false (or yes/no, y/n, 1/0, on/off)"), messages(location));
        String update = upload("updateEvent", Imports.csv("id,title", "123,New title"));
        assertEquals(List.of("Row 2, column ID (input/id): '123' is not valid; expected an ID such as Q29udGFjdDo0Mg==, "
                + "as in the Entity ID column of a results file"), messages(update));
    }

    private String upload(String template, String csv) {
        String id = Imports.upload(EVENTS, template, template + ".csv", csv.getBytes()).then().statusCode(202)
                .extract().path("id");
        Imports.finish(worker, EVENTS, id);
        return id;
    }

    private static List<String> messages(String id) {
        return failures(id).getList("data.importBatch.failures.edges.node.message");
    }

    private static JsonPath failures(String id) {
        return Imports.graphql(EVENTS, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { errorType message } } } } }
                """, Map.of("id", id));
    }

    private static Map<String, String> types(String template, List<String> references) {
        JsonPath result = Imports.graphql(EVENTS, """
                query($name: String!) { importTemplate(name: $name) { columns { reference typeDescription } } }
                """, Map.of("name", template));
        List<Map<String, String>> columns = result.getList("data.importTemplate.columns");
        Map<String, String> types = new java.util.HashMap<>();
        for (Map<String, String> column : columns) {
            if (references.contains(column.get("reference"))) {
                types.put(column.get("reference"), column.get("typeDescription"));
            }
        }
        return types;
    }
}
