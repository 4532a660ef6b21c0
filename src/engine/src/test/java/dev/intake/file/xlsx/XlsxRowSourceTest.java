package dev.intake.file.xlsx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.intake.file.FileColumn;
import dev.intake.file.FileLayout;
import dev.intake.file.ReadLimits;
import dev.intake.file.SourceRecord;
import dev.intake.file.UnreadableFileException;
import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/** Cells read by their column's type, from workbooks holding exactly the XML each case needs. */
class XlsxRowSourceTest {

    private static final List<TemplateColumn> COLUMNS = List.of(
            column("input/code", FieldType.TEXT, "String"),
            column("input/count", FieldType.NUMBER, "Int"),
            column("input/price", FieldType.DECIMAL, "BigDecimal"),
            column("input/when", FieldType.LOCAL_DATE_TIME, "DateTime"),
            column("input/day", FieldType.DATE, "Date"),
            column("input/start", FieldType.ZONED_DATE_TIME, "TimeZonedDateTime"),
            column("input/zone", FieldType.TIME_ZONE, "TimeZoneName"),
            column("input/active", FieldType.BOOLEAN, "Boolean"),
            column("input/phone", FieldType.TEXT, "String"));

    private static final String HEADER = "<row r=\"1\">" + String.join("", COLUMNS.stream()
            .map(c -> "<c t=\"inlineStr\"><is><t>" + c.reference() + "</t></is></c>").toList()) + "</row>";

    @TempDir
    Path dir;

    @Test
    void each_cell_is_read_by_its_columns_type() throws IOException {
        Path file = MiniWorkbook.write(dir.resolve("typed.xlsx"), false, HEADER + """
                <row r="2"><c r="A2" s="2"><v>1234</v></c><c r="B2"><v>12.0</v></c>\
                <c r="C2"><f>0.1+0.2</f><v>0.30000000000000004</v></c><c r="D2" s="1"><v>46083.375</v></c>\
                <c r="E2" s="1"><v>46083</v></c><c r="F2" s="1"><v>46083.375</v></c>\
                <c r="G2" t="inlineStr"><is><t>Europe/Paris</t></is></c><c r="H2" t="b"><v>1</v></c>\
                <c r="I2"><v>1234567890123456</v></c></row>""");
        try (XlsxRowSource source = new XlsxRowSource(file, ReadLimits.NONE, null)) {
            assertEquals(COLUMNS.get(0).reference(), source.next().cells().get(0));
            source.useLayout(layout());
            SourceRecord row = source.next();
            assertEquals(2, row.number());
            assertEquals(List.of("01234", "12", "0.3", "2026-03-02T09:00:00", "2026-03-02", "2026-03-02T09:00+01:00",
                    "Europe/Paris", "true", "1234567890123456"), row.cells());
            assertEquals(Map.of(), row.cellProblems());
            assertNull(source.next());
        }
    }

    @Test
    void before_the_layout_is_known_cells_come_as_their_plain_values() throws IOException {
        Path file = MiniWorkbook.write(dir.resolve("plain.xlsx"), false, """
                <row r="3"><c r="A3" s="1"><v>46083.375</v></c><c r="B3" s="1"><v>46083</v></c><c r="C3"><v>1.50</v></c>\
                <c r="D3"><v>1E+15</v></c><c r="E3" t="b"><v>0</v></c></row>""");
        try (XlsxRowSource source = new XlsxRowSource(file, ReadLimits.NONE, null)) {
            SourceRecord row = source.next();
            assertEquals(3, row.number(), "the sheet's own row number");
            assertEquals(List.of("2026-03-02T09:00:00", "2026-03-02", "1.5", "1000000000000000", "false"), row.cells());
        }
    }

    @Test
    void error_cells_and_formulas_never_calculated_are_cell_problems() throws IOException {
        Path file = MiniWorkbook.write(dir.resolve("errors.xlsx"), false, HEADER + """
                <row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2"><f>A1+1</f></c>\
                <c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="I2" t="str"><f>"44"&amp;"20"</f><v>4420</v></c></row>""");
        try (XlsxRowSource source = new XlsxRowSource(file, ReadLimits.NONE, null)) {
            source.next();
            source.useLayout(layout());
            SourceRecord row = source.next();
            assertEquals("the cell holds the error #N/A", row.cellProblems().get(0));
            assertTrue(row.cellProblems().get(1).startsWith("the cell holds the formula =A1+1 with no calculated value"),
                    row.cellProblems().get(1));
            assertEquals("the cell's formula =1/0 gives the error #DIV/0!", row.cellProblems().get(2));
            assertEquals("4420", row.cells().get(8), "a formula's text result");
        }
    }

    @Test
    void the_1904_date_system_gives_the_same_dates() throws IOException {
        Path file = MiniWorkbook.write(dir.resolve("mac.xlsx"), true, HEADER + """
                <row r="2"><c r="E2" s="1"><v>44621</v></c><c r="D2" s="1"><v>44621.375</v></c></row>""");
        try (XlsxRowSource source = new XlsxRowSource(file, ReadLimits.NONE, null)) {
            source.next();
            source.useLayout(layout());
            SourceRecord row = source.next();
            assertEquals("2026-03-02T09:00:00", row.cells().get(3));
            assertEquals("2026-03-02", row.cells().get(4));
        }
    }

    @Test
    void a_row_wider_than_the_limit_stops_the_file_naming_the_row() throws IOException {
        Path file = MiniWorkbook.write(dir.resolve("wide.xlsx"), false, """
                <row r="7"><c r="A7"><v>1</v></c><c r="XFD7"><v>2</v></c></row>""");
        try (XlsxRowSource source = new XlsxRowSource(file, new ReadLimits(1000, 1000, 1000), null)) {
            UnreadableFileException e = assertThrows(UnreadableFileException.class, source::next);
            assertEquals("Row 7 of the sheet 'Data' has a value in column 16384 (XFD); the limit is 1000 columns "
                    + "(intake.limits.max-columns)", e.getMessage());
        }
    }

    @Test
    void an_unknown_sheet_is_refused_listing_the_sheets() throws IOException {
        Path file = MiniWorkbook.write(dir.resolve("one.xlsx"), false, HEADER);
        UnreadableFileException e = assertThrows(UnreadableFileException.class,
                () -> new XlsxRowSource(file, ReadLimits.NONE, "Contacts"));
        assertEquals("The workbook has no sheet named 'Contacts'; its sheets are 'Data'", e.getMessage());
    }

    private static FileLayout layout() {
        return new FileLayout(1, COLUMNS.stream().map(c -> FileColumn.field(c.reference())).toList(), COLUMNS, "v1");
    }

    private static TemplateColumn column(String reference, FieldType type, String graphqlType) {
        return new TemplateColumn(reference, reference, "", type, graphqlType, false, List.of(), null, false, List.of());
    }
}
