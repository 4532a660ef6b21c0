package dev.intake.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.intake.file.csv.CsvFileException;
import dev.intake.file.csv.CsvRowSource;
import dev.intake.report.ReportColumns;

class TemplateFileReaderTest {

    @Test
    void a_file_with_the_four_template_rows_starts_its_data_at_row_five() {
        TemplateFileReader reader = reader("Email Address,Status\r\ninput/emailAddress,input/status\r\nE-mail,State\r\n"
                + "Text (Required),Fixed (Required)\r\na@example.com,ACTIVE\r\n");
        HeaderMatch header = reader.header();
        assertEquals(4, header.layout().headerRows());
        FileRow row = reader.nextRow();
        assertEquals(5, row.rowNumber());
        assertEquals(List.of("a@example.com", "ACTIVE"), row.cells());
        assertNull(reader.nextRow());
    }

    @Test
    void a_single_header_row_starts_the_data_at_row_two() {
        TemplateFileReader reader = reader("emailAddress,status\na@example.com,ACTIVE\nb@example.com,LEAD\n");
        assertEquals(1, reader.header().layout().headerRows());
        assertEquals(List.of(2L, 3L), rowNumbers(reader));
    }

    @Test
    void row_numbers_count_records_so_quoted_newlines_do_not_shift_them() {
        TemplateFileReader reader = reader("emailAddress,status\n\"a@\nexample.com\",ACTIVE\n\nb@example.com,LEAD\n");
        reader.header();
        assertEquals(List.of(2L, 4L), rowNumbers(reader), "the blank record 3 is skipped but still counted");
    }

    @Test
    void a_nul_character_fails_its_row_and_is_dropped_from_the_cell() {
        TemplateFileReader reader = reader("emailAddress,status\na@exa\0mple.com,ACTIVE\n");
        reader.header();
        FileRow row = reader.nextRow();
        assertEquals("Row 2, column 1 (A) contains a NUL character", row.parseError());
        assertEquals("a@example.com", row.cells().get(0));
    }

    @Test
    void a_value_under_a_blank_header_fails_its_row() {
        TemplateFileReader reader = reader("emailAddress,status,\na@example.com,ACTIVE,surprise\nb@example.com,LEAD,\n");
        reader.header();
        assertEquals("Row 2 has the value 'surprise' in column 3 (C), which has no header", reader.nextRow().parseError());
        assertNull(reader.nextRow().parseError());
    }

    @Test
    void an_empty_file_has_no_header() {
        assertEquals(List.of("the file has no header row"), reader("").header().problems());
    }

    @Test
    void bytes_that_are_not_utf8_stop_the_file_naming_the_row_and_column() {
        byte[] latin1 = "emailAddress,status\na@example.com,ACTIVE\nb@example.com,CAF\u00c9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        TemplateFileReader reader = reader(latin1);
        reader.header();
        reader.nextRow();
        CsvFileException e = assertThrows(CsvFileException.class, reader::nextRow);
        assertTrue(e.getMessage().startsWith("Row 3, column 2 (B) is not valid UTF-8 text"), e.getMessage());
    }

    private static TemplateFileReader reader(String content) {
        return reader(content.getBytes(StandardCharsets.UTF_8));
    }

    private static TemplateFileReader reader(byte[] content) {
        return new TemplateFileReader(new CsvRowSource(new ByteArrayInputStream(content), ReadLimits.NONE),
                TemplateFixtures.contacts(), ReadLimits.NONE, ReportColumns::isReportColumn);
    }

    private static List<Long> rowNumbers(TemplateFileReader reader) {
        List<Long> numbers = new ArrayList<>();
        for (FileRow row = reader.nextRow(); row != null; row = reader.nextRow()) {
            numbers.add(row.rowNumber());
        }
        return numbers;
    }
}
