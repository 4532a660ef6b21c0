package dev.intake.mapping;

import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;

/** Each matching stage on its own, their order, and what keeps a match from being proposed. */
class ColumnMatcherTest {

    private static final ImportTemplate CONTACT = aTemplate("upsertContact").forEntity("Contact", "upsert").with(
            aColumn("Account", "input/account").lookingUp("accounts", "name").alsoCalled("Company", "Organisation"),
            aColumn("Email Address", "input/emailAddress").required(),
            aColumn("First Name", "input/firstName").required(),
            aColumn("Last Name", "input/lastName").required(),
            aColumn("Status", "input/status").fixed("ContactStatus", "ACTIVE", "INACTIVE", "LEAD"),
            aColumn("Phone", "input/phone"),
            aColumn("Subscribed", "input/subscribed").ofType(FieldType.BOOLEAN, "Boolean"),
            aColumn("Born On", "input/bornOn").ofType(FieldType.DATE, "Date")).build();

    @Test
    void exact_references_labels_and_field_names_in_any_case() {
        MappingProposal proposal = propose(List.of("input/emailAddress", "FIRST NAME", "lastName"));
        assertColumn(proposal, 0, "input/emailAddress", 1.0, "exact reference");
        assertColumn(proposal, 1, "input/firstName", 1.0, "exact label");
        assertColumn(proposal, 2, "input/lastName", 1.0, "exact field name");
    }

    @Test
    void normalised_folds_case_spaces_punctuation_underscores_camel_case_and_accents() {
        for (String header : List.of("E-mail address", "email_address", "EMAIL_ADDRESS", "Email-Address", "Émail Addréss")) {
            ColumnProposal column = propose(List.of(header)).columns().get(0);
            assertEquals("input/emailAddress", column.reference(), header);
            assertEquals(0.95, column.confidence(), header);
            assertEquals("normalised label \"Email Address\"", column.reason(), header);
        }
    }

    @Test
    void remembered_answers_after_normalised_and_before_aliases() {
        ColumnMatcher.Memory memory = header -> header.equals("company")
                ? Optional.of(new ColumnMatcher.Remembered("input/phone", 0.97, "saved mapping of batch 1234"))
                : Optional.empty();
        MappingProposal proposal = new ColumnMatcher(CONTACT, memory, header -> false)
                .propose(List.of("Company", "Email Address"), List.of());
        assertColumn(proposal, 0, "input/phone", 0.97, "saved mapping of batch 1234");
        assertColumn(proposal, 1, "input/emailAddress", 1.0, "exact label");
    }

    @Test
    void a_remembered_field_that_is_no_longer_in_the_template_is_not_proposed() {
        ColumnMatcher.Memory memory = header -> Optional.of(new ColumnMatcher.Remembered("input/fax", 0.97, "before"));
        ColumnProposal column = new ColumnMatcher(CONTACT, memory, header -> false)
                .propose(List.of("Company"), List.of()).columns().get(0);
        assertEquals("input/account", column.reference(), "the alias answers instead");
    }

    @Test
    void aliases_declared_in_the_schema() {
        assertColumn(propose(List.of("Organisation")), 0, "input/account", 0.93, "alias \"Organisation\"");
    }

    @Test
    void similar_headers_with_the_score_in_the_reason() {
        MappingProposal proposal = propose(List.of("Emial Adress", "Frist Name"));
        assertColumn(proposal, 0, "input/emailAddress", 0.75, "similar to \"Email Address\" (0.75)");
        assertEquals("input/firstName", proposal.columns().get(1).reference());
    }

    @Test
    void a_similar_match_is_refused_when_the_samples_do_not_fit_the_type() {
        ImportTemplate template = aTemplate("createThing").with(aColumn("Subscribed", "input/subscribed")
                .ofType(FieldType.BOOLEAN, "Boolean"), aColumn("Start Date", "input/startDate")
                .ofType(FieldType.DATE, "Date")).build();
        ColumnMatcher matcher = new ColumnMatcher(template, ColumnMatcher.Memory.NONE, header -> false);

        ColumnProposal dates = matcher.propose(List.of("Subscribed On"), List.of(List.of("2024-01-03", "2024-02-01")))
                .columns().get(0);
        assertNull(dates.reference(), "a column of dates never maps to a Boolean: " + dates);
        assertEquals("no field of a type its values fit is like it", dates.reason());

        ColumnProposal flags = matcher.propose(List.of("Subscribd"), List.of(List.of("yes", "NO", "y"))).columns().get(0);
        assertEquals("input/subscribed", flags.reference(), "yes/no words fit a Boolean");
        ColumnProposal startDates = matcher.propose(List.of("Start Dte"), List.of(List.of("2024-01-03"))).columns().get(0);
        assertEquals("input/startDate", startDates.reference());
    }

    @Test
    void the_first_stage_that_answers_wins() {
        ImportTemplate template = aTemplate("createThing").with(aColumn("Name", "input/name"),
                aColumn("Title", "input/title").alsoCalled("name")).build();
        ColumnMatcher.Memory memory = header -> Optional.of(new ColumnMatcher.Remembered("input/title", 0.97, "before"));
        ColumnProposal column = new ColumnMatcher(template, memory, header -> false).propose(List.of("NAME"), List.of()).columns().get(0);
        assertEquals("input/name", column.reference(), "exact beats remembered and alias");
    }

    @Test
    void two_columns_never_claim_one_field_and_the_more_confident_keeps_it() {
        MappingProposal proposal = propose(List.of("Emial Adress", "Email Address"));
        assertNull(proposal.columns().get(0).reference());
        assertEquals("would be input/emailAddress, which column B matches better", proposal.columns().get(0).reason());
        assertEquals("input/emailAddress", proposal.columns().get(1).reference());
    }

    @Test
    void missing_required_fields_and_unmapped_columns_stop_the_batch_for_review() {
        MappingProposal proposal = propose(List.of("Email Address", "First Name", "Last Name", "Favourite Colour"));
        assertTrue(proposal.missingRequired().isEmpty());
        assertNull(proposal.columns().get(3).reference());
        assertFalse(proposal.acceptable(0.9), "an unrelated column is not dropped silently");

        MappingProposal short1 = propose(List.of("Email Address", "First Name"));
        assertEquals(List.of("input/lastName"), short1.missingRequired());
        assertFalse(short1.acceptable(0.9));

        assertTrue(propose(List.of("e-mail", "first_name", "LAST NAME")).acceptable(0.9) == false,
                "a similar match is below the threshold");
        assertTrue(propose(List.of("E-mail address", "first_name", "LAST NAME")).acceptable(0.9));
    }

    @Test
    void report_and_blank_columns_are_not_proposed_and_do_not_stop_the_batch() {
        MappingProposal proposal = new ColumnMatcher(CONTACT, ColumnMatcher.Memory.NONE,
                header -> header.equals("Import Status")).propose(
                        List.of("Email Address", "First Name", "Last Name", "Import Status", ""), List.of());
        assertEquals("Intake's report column, ignored", proposal.columns().get(3).reason());
        assertTrue(proposal.acceptable(0.9), proposal.toString());
    }

    /**
     * A file shaped like a CRM's contact export: 22 columns, most of them unrelated to the template, headers in
     * the CRM's own words.
     */
    @Test
    void a_crm_export_is_proposed_column_by_column() {
        List<String> headers = List.of("Record ID", "First name", "Last name", "E-mail", "Company", "Job Title",
                "Phone Number", "Lead Status", "Lifecycle Stage", "Create Date", "Last Activity Date", "Owner",
                "City", "Country/Region", "Marketing emails opted out", "Number of Sessions", "Original Source",
                "Email Address", "Subscribed?", "Date of birth", "Time Zone", "Notes");
        List<List<String>> samples = new ArrayList<>();
        for (String header : headers) {
            samples.add(switch (header) {
                case "Create Date", "Last Activity Date" -> List.of("2024-03-01 10:00");
                case "Subscribed?" -> List.of("Yes", "No");
                case "Date of birth" -> List.of("1990-05-17");
                case "Number of Sessions" -> List.of("12");
                default -> List.of("x");
            });
        }
        MappingProposal proposal = new ColumnMatcher(CONTACT, ColumnMatcher.Memory.NONE, header -> false)
                .propose(headers, samples);
        Map<String, String> expected = Map.of("First name", "input/firstName", "Last name", "input/lastName",
                "Company", "input/account", "Phone Number", "input/phone", "Email Address", "input/emailAddress",
                "Subscribed?", "input/subscribed", "Lead Status", "input/status");
        for (ColumnProposal column : proposal.columns()) {
            assertEquals(expected.get(column.header()), column.reference(), column.header() + ": " + column.reason());
        }
        assertEquals("exact label", proposal.columns().get(1).reason());
        assertEquals("alias \"Company\"", proposal.columns().get(4).reason());
        assertEquals("similar to \"Phone\" (0.74)", proposal.columns().get(6).reason());
        assertEquals("normalised label \"Subscribed\"", proposal.columns().get(18).reason());
        assertTrue(proposal.columns().get(3).reason().startsWith("would be input/emailAddress"),
                "E-mail loses to the exact Email Address: " + proposal.columns().get(3).reason());
        assertTrue(proposal.missingRequired().isEmpty());
        assertFalse(proposal.acceptable(0.9), "the unrelated columns wait for a person");
    }

    private static MappingProposal propose(List<String> headers) {
        return new ColumnMatcher(CONTACT, ColumnMatcher.Memory.NONE, header -> false).propose(headers, List.of());
    }

    private static void assertColumn(MappingProposal proposal, int index, String reference, double confidence,
            String reason) {
        ColumnProposal column = proposal.columns().get(index);
        assertEquals(reference, column.reference(), column.toString());
        assertEquals(confidence, column.confidence(), 0.001, column.toString());
        assertEquals(reason, column.reason());
    }
}
