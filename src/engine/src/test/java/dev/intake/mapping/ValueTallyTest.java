package dev.intake.mapping;

import static dev.intake.support.Templates.aColumn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/** The values a person may need to map, counted over a whole file, with lookups checked in batches. */
class ValueTallyTest {

    private static final TemplateColumn STATUS = aColumn("Status", "input/status").fixed("Status", "ACTIVE", "LEAD")
            .build();
    private static final TemplateColumn ACCOUNT = aColumn("Account", "input/account").lookingUp("accounts", "name")
            .build();
    private static final TemplateColumn NAME = aColumn("Name", "input/name").ofType(FieldType.TEXT, "String").build();

    @Test
    void refused_fixed_values_and_lookup_values_matching_no_record_are_counted_with_their_first_rows() {
        List<Set<String>> asked = new ArrayList<>();
        ValueTally tally = new ValueTally(Map.of(0, STATUS, 1, ACCOUNT, 2, NAME),
                Map.of("input/account", Map.of("Acme Ltd", "Acme")), (column, values) -> {
                    asked.add(new HashSet<>(values));
                    Set<String> unmatched = new HashSet<>(values);
                    unmatched.remove("Acme");
                    return unmatched;
                });
        tally.add(2, List.of("Prospect", "Acme Ltd", "a"));
        tally.add(3, List.of("ACTIVE", "Initech", "b"));
        tally.add(4, List.of("Prospect", "Initech", "c"));
        tally.add(5, List.of("", "", ""));
        List<ColumnValues> result = tally.result();

        assertEquals(2, result.size(), "a text column has nothing to map");
        ColumnValues status = result.stream().filter(values -> values.index() == 0).findFirst().orElseThrow();
        assertEquals(List.of(new ColumnValues.Unmatched("Prospect", 2, List.of(2L, 4L))), status.unmatched());
        ColumnValues account = result.stream().filter(values -> values.index() == 1).findFirst().orElseThrow();
        assertEquals(List.of(new ColumnValues.Unmatched("Initech", 2, List.of(3L, 4L))), account.unmatched(),
                "Acme Ltd maps to Acme, which exists");
        assertEquals(List.of(Set.of("Acme", "Initech")), asked, "one query, with values after their value maps");
    }

    @Test
    void lookups_are_checked_in_batches_and_stop_listing_at_the_limit() {
        List<Integer> batches = new ArrayList<>();
        ValueTally tally = new ValueTally(Map.of(0, ACCOUNT), Map.of(), (column, values) -> {
            batches.add(values.size());
            return new HashSet<>(values);
        });
        for (int row = 0; row < 2_500; row++) {
            tally.add(row + 2, List.of("Company " + row));
        }
        tally.add(3_000, List.of("Company 0"));
        ColumnValues account = tally.result().get(0);
        assertEquals(List.of(ValueTally.CHECK_BATCH, ValueTally.CHECK_BATCH, 500), batches);
        assertEquals(ValueTally.MAX_DISTINCT, account.unmatched().size());
        assertTrue(account.more());
        assertEquals(new ColumnValues.Unmatched("Company 0", 2, List.of(2L, 3_000L)), account.unmatched().get(0));
        assertFalse(tally.result().isEmpty());
    }
}
