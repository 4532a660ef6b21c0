package dev.intake.file.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.intake.file.ReadLimits;
import dev.intake.file.SourceRecord;

/** The CSV reader alone, without a server: records, their numbers, and what stops a file. */
class CsvRowSourceTest {

    @Test
    void records_come_with_their_numbers_and_cells() {
        List<SourceRecord> records = readAll("a,b\r\n\"x, y\",\"multi\nline\"\r\n\r\nlast,row\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(1L, 2L, 3L, 4L), records.stream().map(SourceRecord::number).toList());
        assertEquals(List.of("x, y", "multi\nline"), records.get(1).cells());
        assertTrue(records.get(2).isBlank());
    }

    @Test
    void a_byte_order_mark_is_not_part_of_the_first_cell() {
        assertEquals(List.of("name", "website"), readAll(fixture("bom.csv")).get(0).cells());
    }

    @Test
    void the_replacement_character_itself_is_kept() {
        List<SourceRecord> records = readAll(fixture("replacement-character.csv"));
        assertEquals("Replacement \uFFFD Fixture Ltd", records.get(1).cells().get(0));
    }

    @Test
    void a_byte_that_is_not_utf8_stops_the_file_at_its_row_and_column() {
        CsvRowSource source = source(fixture("invalid-byte.csv"));
        source.next();
        source.next();
        CsvFileException e = assertThrows(CsvFileException.class, source::next);
        assertEquals("Row 3, column 1 (A) is not valid UTF-8 text; save the file as \"CSV UTF-8\" and upload it again",
                e.getMessage());
    }

    @Test
    void a_bad_byte_after_a_real_replacement_character_in_the_same_row_is_still_found() {
        byte[] content = concat("a,b\r\nok \uFFFD,bad ".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xB0 },
                "\r\n".getBytes(StandardCharsets.UTF_8));
        CsvRowSource source = source(content);
        source.next();
        CsvFileException e = assertThrows(CsvFileException.class, source::next);
        assertTrue(e.getMessage().startsWith("Row 2, column 2 (B) is not valid UTF-8 text"), e.getMessage());
    }

    @Test
    void characters_split_across_read_buffers_decode_whole() {
        StringBuilder text = new StringBuilder("cell\r\n");
        for (int i = 0; i < 5000; i++) {
            text.append("€").append(i % 7 == 0 ? "\uFFFD" : "").append(i % 50 == 49 ? "\r\n" : "");
        }
        List<SourceRecord> records = readAll(text.toString().getBytes(StandardCharsets.UTF_8));
        String joined = String.join("\r\n", records.stream().map(record -> record.cells().get(0)).toList()) + "\r\n";
        assertEquals(text.toString(), joined);
    }

    @Test
    void a_truncated_character_at_the_end_of_the_file_is_not_utf8() {
        byte[] content = concat("a\r\nb".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xE2, (byte) 0x82 });
        CsvRowSource source = source(content);
        source.next();
        assertThrows(CsvFileException.class, source::next);
    }

    @Test
    void an_unbalanced_quote_stops_the_file_naming_the_row_where_it_starts() {
        CsvRowSource source = source(fixture("unbalanced-quote.csv"));
        CsvFileException e = assertThrows(CsvFileException.class, () -> {
            while (source.next() != null) {
                // read on
            }
        });
        assertTrue(e.getMessage().startsWith("The file is not valid CSV from row 3 on: "), e.getMessage());
    }

    @Test
    void a_line_over_the_limit_stops_the_file() {
        CsvRowSource source = new CsvRowSource(new ByteArrayInputStream("a,b\r\n0123456789,x\r\n".getBytes(
                StandardCharsets.UTF_8)), new ReadLimits(10, 8, 100));
        CsvFileException e = assertThrows(CsvFileException.class, () -> {
            while (source.next() != null) {
                // read on: the parser reads ahead, so the first record may already meet the long line
            }
        });
        assertTrue(e.getMessage().startsWith("Line 2 of the file is longer than 8 characters"), e.getMessage());
    }

    @Test
    void the_end_of_the_file_is_null() {
        CsvRowSource source = source("a\r\n".getBytes(StandardCharsets.UTF_8));
        source.next();
        assertNull(source.next());
        assertNull(source.next());
    }

    private static List<SourceRecord> readAll(byte[] content) {
        CsvRowSource source = source(content);
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord record = source.next(); record != null; record = source.next()) {
            records.add(record);
        }
        return records;
    }

    private static CsvRowSource source(byte[] content) {
        return new CsvRowSource(new ByteArrayInputStream(content), ReadLimits.NONE);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] fixture(String name) {
        try (InputStream in = CsvRowSourceTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
