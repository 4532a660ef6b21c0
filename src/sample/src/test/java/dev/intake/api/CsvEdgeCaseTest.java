package dev.intake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each CSV edge case has its own fixture file in src/test/resources/fixtures. */
@QuarkusTest
class CsvEdgeCaseTest {

    @Inject
    ImportWorker worker;

    @Test
    void a_utf8_byte_order_mark_is_not_part_of_the_first_header() {
        JsonPath batch = importFixture("bom.csv");
        assertEquals("COMPLETED", batch.getString("status"), batch.prettify());
        assertTrue(accountNames().contains("BOM Fixture Ltd"));
    }

    @Test
    void crlf_and_lf_line_ends_are_both_read() {
        assertEquals("COMPLETED", importFixture("crlf.csv").getString("status"));
        assertEquals("COMPLETED", importFixture("lf.csv").getString("status"));
        assertTrue(accountNames().containsAll(List.of("CRLF Fixture One", "CRLF Fixture Two", "LF Fixture One",
                "LF Fixture Two")));
    }

    @Test
    void quoted_commas_newlines_and_quotes_keep_their_exact_text() {
        JsonPath batch = importFixture("quoted-commas-newlines.csv");
        assertEquals("COMPLETED", batch.getString("status"), batch.prettify());
        assertEquals(4, batch.getInt("successCount"));
        assertTrue(accountNames().containsAll(List.of("Smith, Jones & Co (fixture)", "Line One\r\nLine Two (fixture)",
                "Say \"Hello\" Ltd (fixture)", "Back\\slash\tTab {brace} (fixture)")));
    }

    @Test
    void non_ascii_names_survive_the_round_trip() {
        assertEquals("COMPLETED", importFixture("non-ascii.csv").getString("status"));
        assertTrue(accountNames().containsAll(List.of("Zürich Ärzte GmbH (fixture)", "東京トレーニング株式会社 (fixture)",
                "Ελληνικά ΑΕ (fixture)", "Café ☕ Ltd (fixture)")));
    }

    @Test
    void empty_trailing_lines_and_blank_rows_are_ignored() {
        JsonPath batch = importFixture("trailing-empty-lines.csv");
        assertEquals("COMPLETED", batch.getString("status"));
        assertEquals(2, batch.getInt("totalRows"));
    }

    @Test
    void excel_trailing_empty_columns_and_rows_are_ignored() {
        JsonPath batch = importFixture("excel-trailing-columns.csv");
        assertEquals("COMPLETED", batch.getString("status"), batch.prettify());
        assertEquals(1, batch.getInt("totalRows"));
    }

    @Test
    void a_single_header_row_of_labels_matches_regardless_of_case_and_spaces() {
        assertEquals("COMPLETED", importFixture("label-header.csv").getString("status"));
        assertTrue(accountNames().contains("Label Fixture"));
    }

    @Test
    void rows_with_too_many_or_too_few_cells_fail_alone_with_a_parse_error() {
        JsonPath batch = importFixture("wrong-cell-count.csv");
        assertEquals("PARTIAL_SUCCESS", batch.getString("status"));
        assertEquals(2, batch.getInt("successCount"), "surplus cells that are blank are ignored");
        JsonPath failures = Imports.graphql("""
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber errorType message } } } } }
                """, Map.of("id", batch.getString("id")));
        assertEquals(List.of(3, 4), failures.getList("data.importBatch.failures.edges.node.rowNumber"));
        assertEquals(List.of("PARSE", "PARSE"), failures.getList("data.importBatch.failures.edges.node.errorType"));
        assertEquals(List.of(
                "Row 3 has 3 cells, but the header has 2 columns; check for an unquoted comma",
                "Row 4 has 1 cells, but the header has 2 columns; check for a missing cell or an unclosed quote"),
                failures.getList("data.importBatch.failures.edges.node.message"));
        assertTrue(!accountNames().contains("Cells Fixture Too Many"));
    }

    @Test
    void windows_1252_bytes_stop_the_file_at_the_first_row_that_has_them() {
        JsonPath batch = importFixture("windows-1252.csv");
        assertEquals("VALIDATION_FAILED", batch.getString("status"));
        assertEquals("Row 3, column 1 (A) is not valid UTF-8 text; save the file as \"CSV UTF-8\" and upload it again. "
                + "Nothing was imported.", batch.getString("message"));
        assertTrue(!accountNames().contains("Plain Fixture"), "nothing of a file with mojibake is imported");
    }

    @Test
    void the_replacement_character_itself_is_text_like_any_other() {
        JsonPath batch = importFixture("replacement-character.csv");
        assertEquals("COMPLETED", batch.getString("status"), batch.prettify());
        assertTrue(accountNames().contains("Replacement \uFFFD Fixture Ltd"));
    }

    @Test
    void an_invalid_byte_stops_the_file_even_beside_a_real_replacement_character() {
        JsonPath batch = importFixture("invalid-byte.csv");
        assertEquals("VALIDATION_FAILED", batch.getString("status"));
        assertEquals("Row 3, column 1 (A) is not valid UTF-8 text; save the file as \"CSV UTF-8\" and upload it again. "
                + "Nothing was imported.", batch.getString("message"));
    }

    @Test
    void an_unbalanced_quote_fails_the_file_naming_where_it_starts() {
        JsonPath batch = importFixture("unbalanced-quote.csv");
        assertEquals("VALIDATION_FAILED", batch.getString("status"));
        assertTrue(batch.getString("message").startsWith("The file is not valid CSV from row 3 on: "), batch.getString("message"));
        assertTrue(!accountNames().contains("Quote Fixture One"));
    }

    private JsonPath importFixture(String name) {
        String id = Imports.upload("createAccount", name, fixture(name)).then().statusCode(202).extract().path("id");
        return Imports.finish(worker, id);
    }

    static byte[] fixture(String name) {
        try (InputStream in = CsvEdgeCaseTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> accountNames() {
        return Imports.graphql("{ accounts { name } }").getList("data.accounts.name");
    }
}
