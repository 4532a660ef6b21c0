package dev.intake.processing;

import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.batch.RowErrorType;
import dev.intake.batch.StagedRow;
import dev.intake.file.FileLayout;
import dev.intake.file.HeaderMatcher;
import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;

/** Which staged rows go on to their mutation, with what variables, and which fail before they run. */
class RowPreparationTest {

    private static final ImportTemplate PEOPLE = aTemplate("createPerson").with(
            aColumn("Email Address", "input/emailAddress").required(),
            aColumn("Age", "input/age").ofType(FieldType.NUMBER, "Int")).build();
    private static final FileLayout LAYOUT = new HeaderMatcher(PEOPLE, header -> false)
            .match(List.of("emailAddress", "age"), null).layout();

    private final RowPreparation preparation = new RowPreparation(LAYOUT, true, "createPerson");

    @Test
    void a_good_row_becomes_its_mutation_variables() {
        PreparedRow row = preparation.prepare(new StagedRow(2, List.of("ada@example.com", "36"), null));
        assertNull(row.decided());
        assertEquals(Map.of("emailAddress", "ada@example.com", "age", java.math.BigInteger.valueOf(36)),
                row.variables().get("input"));
    }

    @Test
    void a_row_the_reader_could_not_read_fails_with_its_parse_error() {
        PreparedRow row = preparation.prepare(new StagedRow(3, List.of("x"), "Row 3 has 1 cells, but the header has 2"));
        assertEquals(RowErrorType.PARSE, row.decided().errorType());
        assertEquals("Row 3 has 1 cells, but the header has 2", row.decided().message());
    }

    @Test
    void cells_their_columns_refuse_fail_the_row_naming_every_one() {
        PreparedRow row = preparation.prepare(new StagedRow(4, List.of("", "old"), null));
        assertEquals(RowErrorType.VALIDATION, row.decided().errorType());
        assertEquals("input/emailAddress", row.decided().field(), "the first column at fault");
        assertEquals(true, row.decided().message().contains("Row 4"), row.decided().message());
        assertEquals(true, row.decided().message().contains("; "), "both errors: " + row.decided().message());
    }

    @Test
    void every_row_fails_when_the_template_left_the_schema() {
        RowPreparation gone = new RowPreparation(LAYOUT, false, "createPerson");
        PreparedRow row = gone.prepare(new StagedRow(5, List.of("ada@example.com", "36"), null));
        assertEquals(RowErrorType.INTERNAL, row.decided().errorType());
        assertEquals("Row 5: the mutation createPerson is no longer in the schema", row.decided().message());
    }
}
