package dev.intake.processing;

import static dev.intake.support.Batches.aBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.intake.batch.ImportBatch;
import dev.intake.file.FileRow;
import dev.intake.mapping.ColumnProposal;
import dev.intake.mapping.ColumnValues;
import dev.intake.mapping.MappingProposal;

class MappingWaitTest {

    private static final ImportBatch CRM = aBatch().withFilename("crm.csv").build();

    @Test
    void each_column_shows_up_to_three_distinct_values_that_are_not_blank() {
        List<FileRow> rows = List.of(row(2, "Acme", ""), row(3, "Acme", "x"), row(4, "Initech", "y"), row(5, "Hooli"),
                row(6, "Globex", "z"));
        assertEquals(List.of(List.of("Acme", "Initech", "Hooli"), List.of("x", "y", "z")), MappingWait.samples(rows, 2));
    }

    @Test
    void the_message_says_what_a_person_must_do() {
        MappingProposal proposal = new MappingProposal(List.of(column(0, "Company", "input/account", 0.93),
                column(1, "Surname", null, 0.0), column(2, "Fax", null, 0.0)), List.of("input/lastName"), List.of(),
                List.of(new ColumnValues(0, "input/account", List.of(new ColumnValues.Unmatched("Nowhere", 2,
                        List.of(3L, 9L))), false)));

        assertEquals("The columns of crm.csv are not the template's; waiting for a person to map them (mapColumns). "
                + "No column maps to the required input/lastName. 2 columns map to no field. 1 value needs mapping to a "
                + "value its field accepts, or, in a lookup column, to a record (or a lookup policy).",
                MappingWait.message(CRM, proposal, false, 0.9));
    }

    @Test
    void a_review_the_upload_asked_for_says_so_when_the_proposal_is_sure_enough() {
        MappingProposal sure = new MappingProposal(List.of(column(0, "Name", "input/name", 1.0)), List.of(), List.of(),
                List.of());
        assertEquals("The upload asked for a person to review its column mapping; waiting for them to confirm it "
                + "(mapColumns).", MappingWait.message(CRM, sure, true, 0.9));
    }

    private static FileRow row(long number, String... cells) {
        return new FileRow(number, List.of(cells), null, null);
    }

    private static ColumnProposal column(int index, String header, String reference, double confidence) {
        return new ColumnProposal(index, String.valueOf((char) ('A' + index)), header, List.of(), reference, false,
                confidence, "");
    }
}
