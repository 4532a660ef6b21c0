package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;

/** Which values a segment's prefetch asks for: each distinct text at the column's path, of rows still to run. */
class LookupPrefetchTest {

    @Test
    void the_values_are_the_distinct_texts_at_the_path_of_rows_still_to_run() {
        List<PreparedRow> segment = List.of(
                row(5, Map.of("input", Map.of("account", "Acme"))),
                row(6, Map.of("input", Map.of("account", "Globex"))),
                row(7, Map.of("input", Map.of("account", "Acme"))),
                new PreparedRow(8, null, RowOutcome.failed(8, RowErrorType.PARSE, null, "Row 8 is broken")),
                row(9, Map.of("input", Map.of("name", "no account"))),
                row(10, Map.of("input", "not an object")));
        assertEquals(Set.of("Acme", "Globex"), LookupPrefetch.values(segment, List.of("input", "account")));
    }

    private static PreparedRow row(long number, Map<String, Object> variables) {
        return new PreparedRow(number, variables, null);
    }
}
