package dev.intake.template;

import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RoleWarningTest {

    @Test
    void an_uploader_without_the_mutations_role_is_warned_that_every_row_will_fail() {
        assertEquals(Optional.of("Warning: ada does not have the role contacts-writer that createContact requires, so "
                + "every row will fail with PERMISSION. Ask for the role, or have someone who has it upload the file."),
                RoleWarning.of("ada", List.of("import-admin"),
                        aTemplate("createContact").requiringRole("contacts-writer").build()));
    }

    @Test
    void no_warning_with_the_role_or_when_the_mutation_requires_none() {
        assertEquals(Optional.empty(), RoleWarning.of("ada", List.of("contacts-writer"),
                aTemplate("createContact").requiringRole("contacts-writer").build()));
        assertEquals(Optional.empty(), RoleWarning.of("ada", List.of(), aTemplate("createNote").build()));
    }
}
