package dev.intake.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.report.ReportColumns;

class RowVariablesTest {

    private static final List<String> HEADER = List.of("email address", "status", "address city", "age", "score", "vip",
            "since");

    private final RowVariables variables = new RowVariables(
            new HeaderMatcher(TemplateFixtures.contacts(), ReportColumns::isReportColumn).match(HEADER, null).layout());

    @Test
    void cells_become_typed_variables_at_their_paths() {
        RowVariables.Result result = variables.build(List.of(" ada@example.com ", "lead", "London", "36", "9.50", "TRUE",
                "2025-11-04T14:00"));
        assertTrue(result.ok(), result.errors().toString());
        assertEquals(Map.of("input", Map.of("emailAddress", "ada@example.com", "status", "LEAD",
                "address", Map.of("city", "London"), "age", BigInteger.valueOf(36), "score", new BigDecimal("9.50"),
                "vip", true, "since", "2025-11-04T14:00")), result.variables());
    }

    @Test
    void blank_optional_cells_are_left_out_entirely() {
        RowVariables.Result result = variables.build(List.of("ada@example.com", "ACTIVE", "", " ", "", "", ""));
        assertEquals(Map.of("input", Map.of("emailAddress", "ada@example.com", "status", "ACTIVE")), result.variables());
    }

    @Test
    void every_wrong_cell_is_reported_with_its_column_and_what_was_expected() {
        RowVariables.Result result = variables.build(List.of("", "ACTIV", "", "3000000000", "9,50", "maybe", "2025-11-04"));
        assertEquals(List.of(
                "Row 9, column Email Address (input/emailAddress): a value is required",
                "Row 9, column Status (input/status): 'ACTIV' is not valid; expected one of ACTIVE, LEAD",
                "Row 9, column Age (input/age): '3000000000' is not valid; expected a whole number between -2147483648 "
                        + "and 2147483647",
                "Row 9, column Score (input/score): '9,50' is not valid; expected a decimal number such as 9.99, with a "
                        + "point and no thousands separator",
                "Row 9, column Vip (input/vip): 'maybe' is not valid; expected true or false (or yes/no, y/n, 1/0, on/off)",
                "Row 9, column Since (input/since): '2025-11-04' is not valid; expected a date and time without offset, "
                        + "such as 2025-11-04T14:00:00"),
                result.errors().stream().map(error -> error.message(9)).toList());
        assertEquals(Map.of(), result.variables());
    }

    @Test
    void a_long_hostile_value_is_shortened_in_the_message() {
        String huge = "=" + "A".repeat(5000);
        RowVariables.Result result = variables.build(List.of("a@b.c", huge, "", "", "", "", ""));
        String message = result.errors().get(0).message(5);
        assertTrue(message.length() < 150, message);
        assertTrue(message.contains("'=AAAAAAAAA"), message);
        assertTrue(message.contains("…'"), message);
    }
}
