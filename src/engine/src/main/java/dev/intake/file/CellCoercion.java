package dev.intake.file;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

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

    private static final Pattern SPACES_OR_HYPHENS = Pattern.compile("[\\s-]+");
    private static final Pattern GLOBAL_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*:\\d+");

    private CellCoercion() {
    }

    /** The coerced value; throws {@link IllegalArgumentException} with the expectation when the cell is wrong. */
    static Object coerce(TemplateColumn column, String cell) {
        String value = cell.strip();
        if (column.customField()) {
            return customField(column, value);
        }
        return switch (column.type()) {
            case FIXED -> fixed(column, value);
            case NUMBER -> wholeNumber(column, value);
            case DECIMAL -> decimal(value);
            case BOOLEAN -> bool(value);
            case LOCAL_DATE_TIME -> localDateTime(value);
            case DATE -> date(value);
            case ZONED_DATE_TIME -> zonedDateTime(value);
            case TIME_ZONE -> timeZone(value);
            case ID -> id(value);
            case TEXT, LOOKUP -> value;
        };
    }

    /** Custom-field values travel as text, in a normal form. */
    private static String customField(TemplateColumn column, String value) {
        return switch (column.type()) {
            case FIXED -> fixed(column, value);
            case NUMBER, DECIMAL -> decimal(value).toPlainString();
            case BOOLEAN -> bool(value).toString();
            case DATE -> date(value);
            default -> value;
        };
    }

    private static String date(String value) {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw expected(value, "a date such as 2025-11-04");
        }
    }

    private static String zonedDateTime(String value) {
        try {
            return OffsetDateTime.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw expected(value, "a date and time with its offset from UTC, such as 2025-11-04T14:00:00+03:00");
        }
    }

    private static String timeZone(String value) {
        if (!ZoneId.getAvailableZoneIds().contains(value)) {
            throw expected(value, "a time zone name such as America/New_York or Europe/London");
        }
        return value;
    }

    /** A global ID is the Base64 of {@code Type:number}; which type the mutation checks. */
    private static String id(String value) {
        try {
            String plain = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            if (GLOBAL_ID.matcher(plain).matches()) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // not Base64: reported below
        }
        throw expected(value, "an ID such as Q29udGFjdDo0Mg==, as in the Entity ID column of a results file");
    }

    /** A fixed value in any case, with spaces or hyphens for its underscores: {@code not started} is NOT_STARTED. */
    private static String fixed(TemplateColumn column, String value) {
        for (String allowed : column.allowedValues()) {
            if (allowed.equalsIgnoreCase(value)) {
                return allowed;
            }
        }
        String underscored = SPACES_OR_HYPHENS.matcher(value).replaceAll("_");
        for (String allowed : column.allowedValues()) {
            if (allowed.equalsIgnoreCase(underscored)) {
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

    /** The usual spellings of yes and no, in any case. */
    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on" -> Boolean.TRUE;
            case "false", "no", "n", "0", "off" -> Boolean.FALSE;
            default -> throw expected(value, "true or false (or yes/no, y/n, 1/0, on/off)");
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
