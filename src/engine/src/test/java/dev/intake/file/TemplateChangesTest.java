package dev.intake.file;

import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.intake.template.ImportTemplate;

/** What changed between the template version a file was made from and the current one. */
class TemplateChangesTest {

    private static final ImportTemplate CURRENT = aTemplate("createPerson").with(
            aColumn("Email Address", "input/emailAddress").required(),
            aColumn("Phone", "input/phone").required(),
            aColumn("Nickname", "input/nickname")).build();

    @Test
    void a_file_of_the_current_columns_has_no_changes() {
        assertEquals(List.of(), TemplateChanges.between(List.of("Email Address", "Phone"),
                List.of("input/emailAddress", "input/phone"), List.of("", ""),
                List.of("Text (Required)", "Text (Required)"), CURRENT));
    }

    @Test
    void a_new_required_column_a_removed_one_and_one_now_required_are_named() {
        List<String> changes = TemplateChanges.between(List.of("Email Address", "Fax", "Phone"),
                List.of("input/emailAddress", "input/fax", "input/phone"), List.of("", "", ""),
                List.of("Text (Required)", "Text (Optional)", "Text (Optional)"), CURRENT);
        assertEquals(2, changes.size(), changes.toString());
        assertEquals(true, changes.stream().anyMatch(change -> change.contains("input/fax")), changes.toString());
        assertEquals(true, changes.contains("Phone (input/phone) is now required"), changes.toString());
    }

    @Test
    void a_new_optional_column_is_not_a_change() {
        assertEquals(List.of(), TemplateChanges.between(List.of("Email Address", "Phone"),
                List.of("input/emailAddress", "input/phone"), List.of("", ""),
                List.of("Text (Required)", "Text (Required)"), CURRENT), "Nickname is new but optional");
    }
}
