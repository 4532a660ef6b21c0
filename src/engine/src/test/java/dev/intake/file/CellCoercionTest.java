package dev.intake.file;

import static dev.intake.support.Templates.aColumn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/** What each column type accepts from a cell, and what it says when a cell does not fit. */
class CellCoercionTest {

    private static final TemplateColumn STATUS = aColumn("Status", "input/status").fixed("Status", "ACTIVE", "LEAD",
            "NOT_STARTED").build();
    private static final TemplateColumn AGE = aColumn("Age", "input/age").ofType(FieldType.NUMBER, "Int").build();
    private static final TemplateColumn SCORE = aColumn("Score", "input/score").ofType(FieldType.DECIMAL, "BigDecimal").build();
    private static final TemplateColumn VIP = aColumn("Vip", "input/vip").ofType(FieldType.BOOLEAN, "Boolean").build();

    @Test
    void a_fixed_value_matches_in_any_case_and_takes_the_schema_spelling() {
        assertEquals("ACTIVE", CellCoercion.coerce(STATUS, " active "));
        assertEquals("NOT_STARTED", CellCoercion.coerce(STATUS, "Not Started"));
        assertEquals("NOT_STARTED", CellCoercion.coerce(STATUS, "not-started"));
        assertEquals("'RETIRED' is not valid; expected one of ACTIVE, LEAD, NOT_STARTED", message(STATUS, "RETIRED"));
    }

    @Test
    void whole_numbers_are_checked_against_the_range_of_their_graphql_type() {
        assertEquals(BigInteger.valueOf(42), CellCoercion.coerce(AGE, "42"));
        assertEquals("'2147483648' is not valid; expected a whole number between -2147483648 and 2147483647",
                message(AGE, "2147483648"));
        assertEquals("'4.5' is not valid; expected a whole number such as 42", message(AGE, "4.5"));
    }

    @Test
    void decimals_keep_their_exact_digits_and_refuse_a_comma() {
        assertEquals(new BigDecimal("0.30"), CellCoercion.coerce(SCORE, "0.30"));
        assertEquals("'1,5' is not valid; expected a decimal number such as 9.99, with a point and no thousands "
                + "separator", message(SCORE, "1,5"));
    }

    @Test
    void booleans_are_true_false_yes_no_y_n_1_0_on_off_in_any_case() {
        assertEquals(Boolean.TRUE, CellCoercion.coerce(VIP, "TRUE"));
        assertEquals(Boolean.FALSE, CellCoercion.coerce(VIP, "false"));
        for (String yes : java.util.List.of("Yes", "y", "1", "ON")) {
            assertEquals(Boolean.TRUE, CellCoercion.coerce(VIP, yes), yes);
        }
        for (String no : java.util.List.of("NO", "n", "0", "off")) {
            assertEquals(Boolean.FALSE, CellCoercion.coerce(VIP, no), no);
        }
        assertEquals("'maybe' is not valid; expected true or false (or yes/no, y/n, 1/0, on/off)", message(VIP, "maybe"));
    }

    @Test
    void dates_times_and_zones_are_read_in_iso_form() {
        TemplateColumn local = aColumn("Since", "input/since").ofType(FieldType.LOCAL_DATE_TIME, "DateTime").build();
        TemplateColumn zoned = aColumn("Start", "input/start").ofType(FieldType.ZONED_DATE_TIME, "TimeZonedDateTime").build();
        TemplateColumn zone = aColumn("Zone", "input/zone").ofType(FieldType.TIME_ZONE, "TimeZoneName").build();
        assertEquals("2025-11-04T14:00", CellCoercion.coerce(local, "2025-11-04T14:00:00"));
        assertEquals("2025-11-04T14:00+03:00", CellCoercion.coerce(zoned, "2025-11-04T14:00:00+03:00"));
        assertEquals("Europe/London", CellCoercion.coerce(zone, "Europe/London"));
        assertEquals("'04/11/2025' is not valid; expected a date and time without offset, such as 2025-11-04T14:00:00",
                message(local, "04/11/2025"));
        assertEquals("'Mars/Olympus' is not valid; expected a time zone name such as America/New_York or Europe/London",
                message(zone, "Mars/Olympus"));
    }

    @Test
    void an_id_must_be_the_base64_of_a_type_and_number() {
        TemplateColumn id = aColumn("Id", "input/id").ofType(FieldType.ID, "ID").build();
        assertEquals("Q29udGFjdDo0Mg==", CellCoercion.coerce(id, "Q29udGFjdDo0Mg=="));
        assertThrows(IllegalArgumentException.class, () -> CellCoercion.coerce(id, "42"));
    }

    @Test
    void a_long_wrong_value_is_shortened_in_the_message() {
        String message = message(VIP, "x".repeat(500));
        assertEquals(true, message.length() < 200, message);
    }

    private static String message(TemplateColumn column, String cell) {
        return assertThrows(IllegalArgumentException.class, () -> CellCoercion.coerce(column, cell)).getMessage();
    }
}
