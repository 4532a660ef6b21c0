package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The blank lookup policy's change to a row: a copy without the field, so a retried row decides again. */
class LookupPoliciesTest {

    @Test
    void blank_leaves_a_copy_without_the_value_and_the_rows_own_variables_as_they_are() {
        Map<String, Object> variables = Map.of("input", Map.of("name", "Branch", "parent", "Nowhere"));
        assertEquals(Map.of("input", Map.of("name", "Branch")), LookupPolicies.without(variables, List.of("input",
                "parent")));
        assertEquals(Map.of("input", Map.of("name", "Branch", "parent", "Nowhere")), variables);
    }
}
