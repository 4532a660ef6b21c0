package dev.intake.upload;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Excel workbooks through the whole pipeline, from fixtures LibreOffice Calc wrote (see
 * {@code fixtures/xlsx/README.md}) and workbooks fastexcel writes here; rows checked through the GraphQL queries.
 */
@QuarkusTest
class WorkbookFlowTest {

    private static final String EVA = Tokens.of("eva", "workbook-co", "import-admin", "events-writer",
            "locations-writer", "contacts-writer", "accounts-writer");
    private static final String LOU = Tokens.of("lou", "workbook-places-co", "import-admin", "events-writer");
    private static final String MAC = Tokens.of("mac", "workbook-1904-co", "import-admin", "events-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_libreoffice_workbook_imports_dates_formulas_and_leading_zeros_and_fails_its_error_cells() throws IOException {
        Catalogue.courseTemplate(EVA, "007");
        Catalogue.location(EVA, "Calc Hall");
        JsonPath done = upload(EVA, "createEvent", "events.xlsx", fixture("xlsx/events.xlsx"));
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify() + failures(EVA, done.getString("id")));
        assertEquals("XLSX", done.getString("format"));
        assertEquals(2, done.getInt("successCount"), failures(EVA, done.getString("id")).toString());

        List<Map<String, Object>> failures = failures(EVA, done.getString("id"));
        assertEquals(List.of(
                Map.of("rowNumber", 7, "errorType", "VALIDATION", "field", "input/price",
                        "message", "Row 7, column 8 (H) 'Price': the cell's formula =1/0 gives the error #DIV/0!"),
                Map.of("rowNumber", 8, "errorType", "VALIDATION", "field", "input/title",
                        "message", "Row 8, column 1 (A) 'Title': the cell's formula =NA() gives the error #N/A")),
                failures, "row numbers are the sheet's, under four header rows with merged description cells");

        Map<String, Object> basics = event(EVA, "Calc basics");
        assertEquals("2026-03-02T09:00+01:00", basics.get("start"), "a date cell, in the row's time zone");
        assertEquals("2026-03-02T17:00+01:00", basics.get("end"), "ISO text in a cell works too");
        assertEquals(12, basics.get("capacity"));
        assertEquals(450.5f, ((Number) basics.get("price")).floatValue());
        assertEquals("2026-02-01T08:30:00", basics.get("registrationOpens"), "from a hidden column");
        assertEquals("007", ((Map<?, ?>) basics.get("courseTemplate")).get("code"),
                "a number cell formatted 000 is the code 007 as the sheet shows it");
        Map<String, Object> formulas = event(EVA, "Formula noise");
        assertEquals(12, formulas.get("capacity"), "=6*2");
        assertEquals(0.3f, ((Number) formulas.get("price")).floatValue(), "=0.1+0.2");

        String exceptions = Imports.as(EVA).get("/imports/" + done.getString("id") + "/exceptions.csv").then()
                .statusCode(200).extract().asString();
        assertTrue(exceptions.contains("\n10,007,2026-03-04T17:00:00+01:00,Calc Hall,2026-03-04T09:00+01:00,PUBLISHED,"
                + "Europe/Paris,Error price,,,7,VALIDATION,"), "the failed row as read, the error cell left blank: "
                        + exceptions);

        byte[] workbook = Imports.as(EVA).get("/imports/" + done.getString("id") + "/exceptions.xlsx").then()
                .statusCode(200).contentType(containsString("spreadsheetml")).extract().asByteArray();
        java.nio.file.Path saved = java.nio.file.Files.createTempFile("exceptions", ".xlsx");
        try {
            java.nio.file.Files.write(saved, workbook);
            try (dev.intake.file.xlsx.XlsxRowSource sheet = new dev.intake.file.xlsx.XlsxRowSource(saved,
                    dev.intake.file.ReadLimits.NONE, null)) {
                List<String> labels = sheet.next().cells();
                assertEquals(List.of("Row Number", "Error Type", "Error Message", "Template Version"),
                        labels.subList(labels.size() - 4, labels.size()));
                for (int i = 0; i < 3; i++) {
                    sheet.next();
                }
                List<String> first = sheet.next().cells();
                assertEquals("Error price", first.get(labels.indexOf("Title")));
                assertEquals("7", first.get(labels.indexOf("Row Number")));
                assertEquals("Row 7, column 8 (H) 'Price': the cell's formula =1/0 gives the error #DIV/0!",
                        first.get(labels.indexOf("Error Message")));
            }
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(saved.toFile())) {
                String styles = new String(zip.getInputStream(zip.getEntry("xl/styles.xml")).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertTrue(styles.contains("FFC7CE"), "the failed cells' fill: " + styles);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(saved);
        }
        JsonPath again = upload(EVA, "createEvent", "events-exceptions.xlsx", workbook);
        assertEquals(1, again.getInt("successCount"), "the exceptions workbook imports again as it is: the blank "
                + "price is optional, the blank title is not; " + failures(EVA, again.getString("id")));
        assertEquals(List.of(6), failures(EVA, again.getString("id")).stream().map(f -> f.get("rowNumber")).toList());
    }

    @Test
    void a_workbook_in_the_1904_date_system_gives_the_same_dates() {
        Catalogue.courseTemplate(MAC, "007");
        Catalogue.location(MAC, "Calc Hall");
        JsonPath done = upload(MAC, "createEvent", "events-1904.xlsx", fixture("xlsx/events-1904.xlsx"));
        assertEquals("PARTIAL_SUCCESS", done.getString("status"), done.prettify());
        Map<String, Object> basics = event(MAC, "Calc basics");
        assertEquals("2026-03-02T09:00+01:00", basics.get("start"));
        assertEquals("2026-02-01T08:30:00", basics.get("registrationOpens"));
    }

    @Test
    void a_macro_enabled_workbook_is_read_for_its_data() {
        String token = Tokens.of("max", "workbook-macro-co", "import-admin", "events-writer");
        Catalogue.courseTemplate(token, "007");
        Catalogue.location(token, "Calc Hall");
        JsonPath done = upload(token, "createEvent", "events.xlsm", fixture("xlsx/events.xlsm"));
        assertEquals("XLSX", done.getString("format"));
        assertEquals(2, done.getInt("successCount"), done.prettify());
        assertEquals("2026-03-02T09:00+01:00", event(token, "Calc basics").get("start"));
    }

    @Test
    void the_upload_picks_a_sheet_by_name_and_an_unknown_one_is_refused_listing_the_sheets() {
        byte[] workbook = fixture("xlsx/locations.xlsx");
        String id = Imports.as(LOU).multiPart("file", "locations.xlsx", workbook, "application/octet-stream")
                .multiPart("template", "createLocation").multiPart("sheet", "Locations").post("/imports").then()
                .statusCode(202).extract().path("id");
        JsonPath done = Imports.finish(worker, LOU, id);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals("Locations", done.getString("sheet"));
        io.restassured.response.Response original = Imports.as(LOU).get("/imports/" + id + "/original");
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", original.contentType());
        assertArrayEquals(workbook, original.asByteArray(), "the workbook downloads as it was uploaded");
        JsonPath locations = Imports.graphql(LOU, "{ locations { name wheelchairAccessible address { postcode } } }",
                Map.of());
        assertEquals("01234", postcode(locations, "Calc Hall"), "a text cell keeps its leading zero");
        assertEquals("02345", postcode(locations, "Zip Hall"), "a number formatted 00000 reads as the sheet shows it");
        assertEquals("12345", postcode(locations, "Number Hall"), "a plain number in a text column, without .0");
        assertNull(locations.get("data.locations.find { it.name == 'Zip Hall' }.wheelchairAccessible"),
                "the first data row, read before the layout was known, is read again with it: a row without its last "
                + "cells is as wide as the header");
        assertEquals(Boolean.FALSE, locations.get("data.locations.find { it.name == 'Calc Hall' }.wheelchairAccessible"));
        assertEquals(Boolean.TRUE, locations.get("data.locations.find { it.name == 'Number Hall' }.wheelchairAccessible"));

        Imports.as(LOU).multiPart("file", "locations.xlsx", workbook, "application/octet-stream")
                .multiPart("template", "createLocation").multiPart("sheet", "Halls").post("/imports").then()
                .statusCode(400).body("errors[0].error_code", equalTo("unknown-sheet"))
                .body("errors[0].message", equalTo("The workbook has no sheet named 'Halls'; its sheets are "
                        + "'Summary', 'Locations'"));

        String first = Imports.upload(LOU, "createLocation", "locations.xlsx", workbook).then().statusCode(202).extract()
                .path("id");
        worker.drain();
        JsonPath waiting = Imports.batch(LOU, first);
        assertEquals("MAPPING", waiting.getString("status"));
        assertTrue(waiting.getString("message").endsWith("The workbook's first sheet, 'Summary', was read; its other "
                + "sheets are 'Locations': to read one, upload the file again with the form field 'sheet'."),
                waiting.getString("message"));
    }

    @Test
    void a_workbook_written_by_fastexcel_keeps_long_digits_and_reads_whole_numbers() throws IOException {
        Catalogue.account(EVA, "Sheet Traders");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Intake tests", "1.0");
        Worksheet sheet = workbook.newWorksheet("Contacts");
        List<String> header = List.of("account", "emailAddress", "firstName", "lastName", "phone", "status");
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        Object[][] rows = {
            {"Sheet Traders", "long.digits@example.com", "Long", "Digits", 447700900123456L, "active"},
            {"Sheet Traders", "dated@example.com", "Dated", "Cell", LocalDate.of(2026, 1, 2), "ACTIVE"},
        };
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                Object value = rows[r][c];
                if (value instanceof Long number) {
                    sheet.value(r + 1, c, number);
                } else if (value instanceof LocalDate date) {
                    sheet.value(r + 1, c, date);
                    sheet.style(r + 1, c).format("yyyy-mm-dd").set();
                } else {
                    sheet.value(r + 1, c, (String) value);
                }
            }
        }
        workbook.finish();

        JsonPath done = upload(EVA, "createContact", "contacts.xlsx", out.toByteArray());
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        List<Map<String, Object>> contacts = Imports.graphql(EVA, "{ contacts(limit: 1000) { emailAddress phone } }",
                Map.of()).getList("data.contacts");
        assertTrue(contacts.contains(Map.of("emailAddress", "long.digits@example.com", "phone", "447700900123456")),
                "no 4.477E+14: " + contacts);
        assertTrue(contacts.contains(Map.of("emailAddress", "dated@example.com", "phone", "2026-01-02")),
                "a date cell in a text column reads as its date: " + contacts);
    }

    @Test
    void encrypted_old_and_bomb_workbooks_are_refused_at_the_door_saying_why() throws IOException {
        Imports.upload(EVA, "createLocation", "locations-encrypted.xlsx", fixture("xlsx/locations-encrypted.xlsx"))
                .then().statusCode(400).body("errors[0].error_code", equalTo("unreadable-workbook"))
                .body("errors[0].message", containsString("The workbook is password-protected (encrypted)"));
        Imports.upload(EVA, "createLocation", "locations.xls", fixture("xlsx/locations.xls")).then().statusCode(400)
                .body("errors[0].message", containsString("Excel 97-2003 workbook (.xls)"))
                .body("errors[0].message", containsString("save it as an Excel workbook (.xlsx)"));
        Imports.upload(EVA, "createLocation", "bomb.xlsx", zipBomb()).then().statusCode(400)
                .body("errors[0].error_code", equalTo("unreadable-workbook"))
                .body("errors[0].message", containsString("The workbook's part xl/worksheets/sheet1.xml expands more "
                        + "than 100 times"))
                .body("errors[0].message", containsString("(intake.limits.max-compression-ratio)"));
        Imports.upload(EVA, "createLocation", "archive.zip", zip(Map.of("notes.txt", "hello"))).then()
                .statusCode(400).body("errors[0].error_code", equalTo("not-a-workbook"));
    }

    /** A workbook whose sheet is 200 MB of spaces, a few hundred kilobytes compressed. */
    private static byte[] zipBomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = " ".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private JsonPath upload(String token, String template, String filename, byte[] content) {
        String id = Imports.upload(token, template, filename, content).then().statusCode(202).extract().path("id");
        return Imports.finish(worker, token, id);
    }

    private static List<Map<String, Object>> failures(String token, String id) {
        return Imports.graphql(token, "query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber "
                + "errorType field message } } } } }", Map.of("id", id)).getList("data.importBatch.failures.edges.node");
    }

    private static Map<String, Object> event(String token, String title) {
        return Imports.graphql(token, "{ events { title start end capacity price registrationOpens courseTemplate "
                + "{ code } } }", Map.of()).getMap("data.events.find { it.title == '" + title + "' }");
    }

    private static String postcode(JsonPath locations, String name) {
        return locations.getString("data.locations.find { it.name == '" + name + "' }.address.postcode");
    }

    private static byte[] fixture(String name) {
        try (InputStream in = WorkbookFlowTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
