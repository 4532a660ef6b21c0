package dev.intake.file.xlsx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a cell's number format says about its value: whether it shows a date, and how a number looks as text where
 * the format pads it with zeros ({@code 00000} for a postcode) or fixes its decimals ({@code 0.00}).
 */
final class NumberFormats {

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|\\\\.|_.|\\*.");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern ELAPSED = Pattern.compile("\\[(h+|m+|s+)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_TOKENS = Pattern.compile("[ymdhs]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ZERO_PADDED = Pattern.compile("0+");
    private static final Pattern FIXED_DECIMALS = Pattern.compile("0+\\.(0+)");

    private NumberFormats() {
    }

    /**
     * Whether a cell of this format shows a date or a time: one of Excel's built-in date formats (14 to 22, 27 to 36,
     * 45 to 47, 50 to 58), or a format code with date or time parts outside its quoted text.
     */
    static boolean isDate(Integer formatId, String formatCode) {
        if (formatId != null && (formatId >= 14 && formatId <= 22 || formatId >= 27 && formatId <= 36
                || formatId >= 45 && formatId <= 47 || formatId >= 50 && formatId <= 58)) {
            return true;
        }
        if (formatCode == null || formatCode.isBlank()) {
            return false;
        }
        String code = firstSection(formatCode);
        if (code.toLowerCase(Locale.ROOT).contains("general")) {
            return false;
        }
        if (ELAPSED.matcher(code).find()) {
            return true;
        }
        code = BRACKETS.matcher(QUOTED.matcher(code).replaceAll("")).replaceAll("");
        return DATE_TOKENS.matcher(code).find();
    }

    /**
     * The number as the format shows it, where that matters to a text column: {@code 00000} pads 1234 to
     * {@code 01234}; {@code 0.00} shows 1.5 as {@code 1.50}; anything else gives the number's plain digits, with no
     * exponent and no grouping.
     */
    static String asText(BigDecimal number, String formatCode) {
        String code = formatCode == null ? "" : firstSection(formatCode).strip();
        if (ZERO_PADDED.matcher(code).matches() && number.signum() >= 0) {
            String digits = number.setScale(0, RoundingMode.HALF_UP).toPlainString();
            return "0".repeat(Math.max(0, code.length() - digits.length())) + digits;
        }
        var fixed = FIXED_DECIMALS.matcher(code);
        if (fixed.matches()) {
            return number.setScale(fixed.group(1).length(), RoundingMode.HALF_UP).toPlainString();
        }
        return plain(number);
    }

    /** The number's digits without an exponent or trailing zeros: {@code 1.0} is {@code 1}. */
    static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String firstSection(String formatCode) {
        int semicolon = formatCode.indexOf(';');
        return semicolon < 0 ? formatCode : formatCode.substring(0, semicolon);
    }
}
