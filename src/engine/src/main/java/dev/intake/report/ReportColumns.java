package dev.intake.report;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.intake.template.HeaderKey;
import dev.intake.template.TemplateCsv;

/**
 * The trailing columns Intake adds to exceptions and results files, and the template version column of every
 * file it writes. The reader ignores them, so a fixed exceptions file imports again as it is.
 */
public final class ReportColumns {

    public static final String ROW_NUMBER = "Row Number";
    public static final String OUTCOME = "Outcome";
    public static final String ENTITY_ID = "Entity ID";
    public static final String ERROR_TYPE = "Error Type";
    public static final String ERROR_MESSAGE = "Error Message";
    /** What else a successful row did, such as a record its lookup policy created. */
    public static final String NOTE = "Note";

    public static final List<String> EXCEPTIONS = List.of(ROW_NUMBER, ERROR_TYPE, ERROR_MESSAGE);
    public static final List<String> RESULTS = List.of(ROW_NUMBER, OUTCOME, ENTITY_ID, ERROR_TYPE, ERROR_MESSAGE, NOTE);

    private static final Set<String> KEYS = java.util.stream.Stream.concat(RESULTS.stream(),
            java.util.stream.Stream.of(TemplateCsv.VERSION_LABEL)).map(HeaderKey::of).collect(Collectors.toSet());

    private static final java.util.regex.Pattern BATCH_MARK = java.util.regex.Pattern.compile(
            "row of batch ([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private ReportColumns() {
    }

    /**
     * Row 3 of an exceptions file's trailing columns: the {@value #ROW_NUMBER} column names the batch, so that the
     * file, corrected and uploaded again, is linked to it as its child.
     */
    public static List<String> exceptionsDescriptions(java.util.UUID batch) {
        return List.of("The row of batch " + batch + " this row is. Leave it as it is: the corrected file uploaded"
                + " again is linked to that batch", "", "");
    }

    /** The batch a {@value #ROW_NUMBER} column's description names, when it is an exceptions file's. */
    public static java.util.Optional<java.util.UUID> batchOf(String description) {
        java.util.regex.Matcher matcher = BATCH_MARK.matcher(description == null ? "" : description.strip()
                .toLowerCase(java.util.Locale.ROOT));
        return matcher.find() ? java.util.Optional.of(java.util.UUID.fromString(matcher.group(1)))
                : java.util.Optional.empty();
    }

    /** Whether a header cell names a report column or the template version column. */
    public static boolean isReportColumn(String headerCell) {
        return KEYS.contains(HeaderKey.of(headerCell));
    }
}
