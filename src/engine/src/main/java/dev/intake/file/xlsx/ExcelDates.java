package dev.intake.file.xlsx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Turns a workbook's date serial into a date and time. In the 1900 date system serial 1 is 1900-01-01 and serial
 * 60 is the 29 February 1900 that Lotus 1-2-3 invented and Excel kept; in the 1904 system (old Mac workbooks)
 * serial 0 is 1904-01-01. The time of day is the fraction, rounded to the second.
 */
final class ExcelDates {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final LocalDate DAY_ZERO_1900 = LocalDate.of(1899, 12, 31);
    private static final LocalDate DAY_ZERO_1904 = LocalDate.of(1904, 1, 1);

    private ExcelDates() {
    }

    /**
     * The date and time of a serial.
     *
     * @throws IllegalArgumentException for a negative serial, or the day that never was (serial 60 of the 1900 system)
     */
    static LocalDateTime of(BigDecimal serial, boolean date1904) {
        if (serial.signum() < 0) {
            throw new IllegalArgumentException("a date serial cannot be negative (" + serial.toPlainString() + ")");
        }
        long seconds = serial.multiply(SECONDS_PER_DAY).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long days = Math.floorDiv(seconds, 86_400);
        long secondOfDay = Math.floorMod(seconds, 86_400);
        LocalDate date;
        if (date1904) {
            date = DAY_ZERO_1904.plusDays(days);
        } else if (days == 60) {
            throw new IllegalArgumentException("serial 60 is 29 February 1900, a day that did not exist");
        } else {
            date = DAY_ZERO_1900.plusDays(days < 60 ? days : days - 1);
        }
        return date.atStartOfDay().plusSeconds(secondOfDay);
    }
}
