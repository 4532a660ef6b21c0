package dev.intake.parsing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trailing columns Intake adds to exceptions and results files. The reader ignores them, so a fixed
 * exceptions file imports again as it is.
 */
public final class ReportColumns {

    public static final String ROW_NUMBER = "Row Number";
    public static final String OUTCOME = "Outcome";
    public static final String ENTITY_ID = "Entity ID";
    public static final String ERROR_TYPE = "Error Type";
    public static final String ERROR_MESSAGE = "Error Message";

    public static final List<String> EXCEPTIONS = List.of(ROW_NUMBER, ERROR_TYPE, ERROR_MESSAGE);
    public static final List<String> RESULTS = List.of(ROW_NUMBER, OUTCOME, ENTITY_ID, ERROR_TYPE, ERROR_MESSAGE);

    private static final Set<String> KEYS = RESULTS.stream().map(HeaderKey::of).collect(Collectors.toSet());

    private ReportColumns() {
    }

    static boolean isReportColumn(String headerCell) {
        return KEYS.contains(HeaderKey.of(headerCell));
    }
}
