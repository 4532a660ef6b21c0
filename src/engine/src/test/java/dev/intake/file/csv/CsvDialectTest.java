package dev.intake.file.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.intake.file.ReadOptions;

class CsvDialectTest {

    @Test
    void the_separator_is_the_one_the_header_row_holds_most() {
        assertEquals(',', detect("input/name,input/website\r\nAcme;Inc,x").delimiter(), "the header row decides");
        assertEquals(';', detect("input/name;input/website\r\n").delimiter());
        assertEquals('\t', detect("input/name\tinput/website\r\n").delimiter());
        assertEquals(',', detect("input/name\r\n").delimiter(), "one column: a comma, as ever");
        assertEquals(',', detect("a;b,c;d,e\r\n").delimiter(), "a tie goes to the comma");
    }

    @Test
    void separators_inside_quotes_do_not_count() {
        assertEquals(',', detect("\"Name; or company; or team\",input/website\r\n").delimiter());
        assertEquals(';', detect("\"a, b, c\";input/website;input/name\r\n").delimiter());
    }

    @Test
    void excels_sep_line_names_the_separator_and_is_marked_as_no_row() {
        ReadOptions options = detect("sep=;\r\ninput/name,input/website\r\n");
        assertEquals(';', options.delimiter(), "the sep= line wins over the header's commas");
        assertTrue(options.separatorLine());
        assertTrue(detect("\uFEFFSEP=\t\ninput/name").separatorLine(), "after a byte-order mark, in any case");
        assertFalse(detect("sep=;x\r\n").separatorLine(), "a sep= line holds the separator alone");
        assertFalse(detect("sep=|\r\n").separatorLine(), "only separators Intake reads");
        assertEquals("sep=;\r\n", CsvDialect.separatorLineOf(';'));
    }

    @Test
    void only_a_semicolon_file_takes_decimal_commas() {
        assertTrue(detect("a;b\r\n").decimalComma());
        assertFalse(detect("a,b\r\n").decimalComma());
        assertFalse(detect("a\tb\r\n").decimalComma());
    }

    private static ReadOptions detect(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return CsvDialect.detect(bytes, bytes.length);
    }
}
