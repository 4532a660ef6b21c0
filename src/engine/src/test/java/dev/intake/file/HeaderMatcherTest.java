package dev.intake.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.intake.report.ReportColumns;

class HeaderMatcherTest {

    private final HeaderMatcher matcher = new HeaderMatcher(TemplateFixtures.contacts(), ReportColumns::isReportColumn);

    @Test
    void references_labels_and_field_names_all_match() {
        HeaderMatch match = matcher.match(List.of("input/emailAddress", "Status", "city", "address/city "), null);
        assertEquals(List.of("column 3 (C) and column 4 (D) both hold Address City (input/address/city)"), match.problems());
        HeaderMatch names = matcher.match(List.of(" EMAIL address ", "'status", "age"), null);
        assertTrue(names.matches(), names.problems().toString());
        assertEquals(List.of("input/emailAddress", "input/status", "input/age"),
                names.layout().fileColumns().stream().map(FileColumn::reference).toList());
    }

    @Test
    void duplicates_that_differ_only_by_case_or_spaces_are_refused() {
        HeaderMatch match = matcher.match(List.of("Email Address", "status", " STATUS "), null);
        assertEquals(List.of("column 2 (B) and column 3 (C) both hold Status (input/status)"), match.problems());
    }

    @Test
    void missing_required_and_unknown_columns_are_named() {
        HeaderMatch match = matcher.match(List.of("status", "colour"), null);
        assertFalse(match.matches());
        assertEquals(List.of(
                "column 2 (B) 'colour' is not a field of createPerson; expected one of input/emailAddress, input/status, "
                        + "input/address/city, input/age, input/score, input/vip, input/since",
                "the required column Email Address (input/emailAddress) is missing"), match.problems());
    }

    @Test
    void report_columns_and_blank_headers_are_not_fields() {
        HeaderMatch match = matcher.match(List.of("Email Address", "Status", "Row Number", "Error Type", "Error Message", ""),
                null);
        assertTrue(match.matches(), match.problems().toString());
        assertEquals(List.of(FileColumn.Kind.FIELD, FileColumn.Kind.FIELD, FileColumn.Kind.REPORT, FileColumn.Kind.REPORT,
                FileColumn.Kind.REPORT, FileColumn.Kind.BLANK),
                match.layout().fileColumns().stream().map(FileColumn::kind).toList());
    }

    @Test
    void a_row_of_references_is_recognised_as_row_two_of_a_template() {
        assertTrue(matcher.isReferenceRow(List.of("input/status", "input/emailAddress", "", "")));
        assertFalse(matcher.isReferenceRow(List.of("input/status", "ACTIVE")));
        assertFalse(matcher.isReferenceRow(List.of("", "")));
    }

    @Test
    void an_argument_that_is_a_value_itself_is_a_reference_without_a_slash() {
        HeaderMatcher rename = new HeaderMatcher(dev.intake.support.Templates.aTemplate("renameTag").with(
                dev.intake.support.Templates.aColumn("Name", "input/name").required(),
                dev.intake.support.Templates.aColumn("Reason", "reason")).build(), ReportColumns::isReportColumn);
        assertTrue(rename.isReferenceRow(List.of("input/name", "reason")));
        assertTrue(rename.isReferenceRow(List.of("reason")), "the template's own reference");
        assertFalse(rename.isReferenceRow(List.of("Name", "Reason")), "a row of labels is no row of references");
        assertFalse(rename.isReferenceRow(List.of("input/name", "Reason")));
    }

    @Test
    void the_layout_maps_template_columns_to_file_columns() {
        FileLayout layout = matcher.match(List.of("status", "age", "email address"), null).layout();
        int[] indexes = layout.fileIndexOfTemplateColumns();
        assertEquals(List.of(2, 0, -1, 1, -1, -1, -1), java.util.Arrays.stream(indexes).boxed().toList());
    }
}
