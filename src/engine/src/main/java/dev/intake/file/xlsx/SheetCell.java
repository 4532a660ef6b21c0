package dev.intake.file.xlsx;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;

import dev.intake.template.FieldType;

/**
 * One cell of a sheet as text for the column it feeds, read by that column's type rather than by guesswork: text
 * columns get the number as the sheet shows it, number columns whole numbers, decimal columns the decimal Excel
 * shows (15 significant digits, so no binary noise), date columns the date of a date cell.
 */
final class SheetCell {

    /** Excel shows at most 15 significant digits; what lies beyond is the binary double's noise. */
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private static final Set<String> ERRORS = Set.of("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
            "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!",
            "#PYTHON!");

    /**
     * What a cell holds: its text, or why it holds no usable value.
     *
     * @param text the value as text, empty for an empty cell
     * @param problem why the cell cannot be used (an error cell, a formula never calculated), or {@code null}
     */
    record Read(String text, String problem) {

        static Read of(String text) {
            return new Read(text, null);
        }
    }

    private SheetCell() {
    }

    /**
     * Reads a cell for a column of the given type; a {@code null} type (the header, or a column no field reads)
     * gives the plain value: text as is, numbers in plain digits, dates in ISO form.
     *
     * @param zone the time zone the row names, for a TimeZoned DateTime column fed a date cell; may be {@code null}
     */
    static Read read(Cell cell, FieldType type, boolean date1904, ZoneId zone) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return Read.of("");
        }
        Object value = cell.getValue();
        if (cell.getType() == CellType.ERROR) {
            return new Read("", "the cell holds the error " + cell.getRawValue());
        }
        if (cell.getType() == CellType.FORMULA) {
            if (value == null) {
                return new Read("", "the cell holds the formula =" + cell.getFormula()
                        + " with no calculated value; open the workbook in Excel or LibreOffice, let it calculate, "
                        + "and save it again");
            }
            if (value instanceof String text && ERRORS.contains(text)) {
                return new Read("", "the cell's formula =" + cell.getFormula() + " gives the error " + text);
            }
        }
        if (value instanceof Boolean bool) {
            return Read.of(bool.toString());
        }
        if (value instanceof BigDecimal number) {
            return number(number, cell, type, date1904, zone);
        }
        return Read.of(value == null ? "" : value.toString());
    }

    private static Read number(BigDecimal number, Cell cell, FieldType type, boolean date1904, ZoneId zone) {
        String formatCode = cell.getDataFormatString();
        boolean dateCell = NumberFormats.isDate(cell.getDataFormatId(), formatCode);
        if (type == null) {
            return dateCell ? date(number, date1904, null, false) : Read.of(NumberFormats.plain(number));
        }
        return switch (type) {
            case DATE, LOCAL_DATE_TIME, ZONED_DATE_TIME -> dateCell
                    ? date(number, date1904, type == FieldType.ZONED_DATE_TIME ? zone : null,
                            type != FieldType.DATE)
                    : Read.of(NumberFormats.plain(number));
            case DECIMAL, NUMBER -> Read.of(NumberFormats.plain(shown(number)));
            case BOOLEAN -> Read.of(NumberFormats.plain(number));
            case TEXT, ID, LOOKUP, FIXED, TIME_ZONE -> dateCell ? date(number, date1904, null, false)
                    : Read.of(NumberFormats.asText(shown(number), formatCode));
        };
    }

    /** A fraction as Excel shows it, to 15 significant digits; whole numbers keep every digit. */
    private static BigDecimal shown(BigDecimal number) {
        return number.stripTrailingZeros().scale() > 0 ? number.round(EXCEL_DIGITS) : number;
    }

    /**
     * A date cell as ISO text: a date alone where the serial has no time of day, unless the column wants a date and
     * time; with the row's time zone's offset for a TimeZoned DateTime column.
     */
    private static Read date(BigDecimal serial, boolean date1904, ZoneId zone, boolean withTime) {
        LocalDateTime when;
        try {
            when = ExcelDates.of(serial, date1904);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            return new Read("", "the date cell's value " + serial.toPlainString() + " is not a date: " + e.getMessage());
        }
        if (zone != null) {
            return Read.of(when.atZone(zone).toOffsetDateTime().toString());
        }
        if (!withTime && when.toLocalTime().toSecondOfDay() == 0) {
            return Read.of(when.toLocalDate().toString());
        }
        return Read.of(LOCAL.format(when));
    }
}
