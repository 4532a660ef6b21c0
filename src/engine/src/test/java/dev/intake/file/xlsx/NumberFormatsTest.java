package dev.intake.file.xlsx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class NumberFormatsTest {

    @Test
    void date_formats_are_told_from_number_formats() {
        assertTrue(NumberFormats.isDate(14, null), "built-in m/d/yy");
        assertTrue(NumberFormats.isDate(166, "yyyy\\-mm\\-dd\\ hh:mm"), "as LibreOffice writes it");
        assertTrue(NumberFormats.isDate(170, "[$-409]mmm d, yyyy"));
        assertTrue(NumberFormats.isDate(171, "[h]:mm"), "elapsed hours");
        assertFalse(NumberFormats.isDate(0, "General"));
        assertFalse(NumberFormats.isDate(165, "000"));
        assertFalse(NumberFormats.isDate(172, "#,##0.00 \"days\""), "letters in quotes are text, not date parts");
        assertFalse(NumberFormats.isDate(173, "0.00;[Red]-0.00"));
    }

    @Test
    void numbers_read_as_text_as_the_sheet_shows_them() {
        assertEquals("01234", NumberFormats.asText(new BigDecimal("1234"), "00000"));
        assertEquals("1.50", NumberFormats.asText(new BigDecimal("1.5"), "0.00"));
        assertEquals("1234567890123456", NumberFormats.asText(new BigDecimal("1.234567890123456E+15"), "General"));
        assertEquals("1", NumberFormats.plain(new BigDecimal("1.0")));
    }

    @Test
    void serials_become_dates_in_both_date_systems() {
        assertEquals(LocalDateTime.of(1900, 1, 1, 0, 0), ExcelDates.of(BigDecimal.ONE, false));
        assertEquals(LocalDateTime.of(1900, 2, 28, 0, 0), ExcelDates.of(BigDecimal.valueOf(59), false));
        assertEquals(LocalDateTime.of(1900, 3, 1, 0, 0), ExcelDates.of(BigDecimal.valueOf(61), false));
        assertEquals(LocalDateTime.of(2026, 2, 1, 8, 30), ExcelDates.of(new BigDecimal("46054.3541666667"), false),
                "rounded to the second");
        assertEquals(LocalDateTime.of(1904, 1, 1, 0, 0), ExcelDates.of(BigDecimal.ZERO, true));
        assertEquals(LocalDateTime.of(2026, 3, 2, 9, 0), ExcelDates.of(new BigDecimal("44621.375"), true));
        assertThrows(IllegalArgumentException.class, () -> ExcelDates.of(BigDecimal.valueOf(60), false),
                "29 February 1900 never was");
    }
}
