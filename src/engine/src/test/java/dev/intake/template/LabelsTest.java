package dev.intake.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void camel_case_paths_become_words() {
        assertEquals("Email Address", Labels.of(List.of("emailAddress")));
        assertEquals("Address City", Labels.of(List.of("address", "city")));
        assertEquals("Account ID", Labels.of(List.of("accountId")));
        assertEquals("Website URL", Labels.of(List.of("website_url")));
        assertEquals("Line 2", Labels.of(List.of("line2")));
    }
}
