package dev.intake.parsing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import dev.intake.template.TemplateColumn;

/**
 * Turns a non-blank cell into the value its column's GraphQL type expects, or explains what was expected.
 * Values are trimmed; Fixed values match regardless of case.
 */
final class CellCoercion {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private CellCoercion() {
    }

    /** The coerced value; throws {@link IllegalArgumentException} with the expectation when the cell is wrong. */
    static Object coerce(TemplateColumn column, String cell) {
        String value = cell.strip();
        return switch (column.type()) {
            case FIXED -> fixed(column, value);
            case NUMBER -> wholeNumber(column, value);
            case DECIMAL -> decimal(value);
            case BOOLEAN -> bool(value);
            case LOCAL_DATE_TIME -> localDateTime(value);
            default -> value;
        };
    }

    private static String fixed(TemplateColumn column, String value) {
        for (String allowed : column.allowedValues()) {
            if (allowed.equalsIgnoreCase(value)) {
                return allowed;
            }
        }
        throw expected(value, "one of " + String.join(", ", column.allowedValues()));
    }

    private static BigInteger wholeNumber(TemplateColumn column, String value) {
        BigInteger number;
        try {
            number = new BigInteger(value);
        } catch (NumberFormatException e) {
            throw expected(value, "a whole number such as 42");
        }
        boolean isInt = "Int".equals(column.graphqlType());
        boolean isLong = "Long".equals(column.graphqlType());
        if (isInt && (number.compareTo(INT_MIN) < 0 || number.compareTo(INT_MAX) > 0)) {
            throw expected(value, "a whole number between " + INT_MIN + " and " + INT_MAX);
        }
        if (isLong && (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0)) {
            throw expected(value, "a whole number between " + LONG_MIN + " and " + LONG_MAX);
        }
        return number;
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw expected(value, "a decimal number such as 9.99, with a point and no thousands separator");
        }
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw expected(value, "true or false");
        };
    }

    private static String localDateTime(String value) {
        try {
            return LocalDateTime.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw expected(value, "a date and time without offset, such as 2025-11-04T14:00:00");
        }
    }

    private static IllegalArgumentException expected(String value, String expectation) {
        return new IllegalArgumentException("'" + Values.shorten(value) + "' is not valid; expected " + expectation);
    }
}
