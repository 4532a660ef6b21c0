package dev.intake.processing;

import static dev.intake.support.Templates.aColumn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.intake.batch.RowAction;
import dev.intake.batch.RowErrorType;
import dev.intake.file.FileColumn;
import dev.intake.file.FileLayout;
import dev.intake.target.RowFailure;
import dev.intake.template.TemplateColumn;
import dev.intake.template.WriteKind;

class OutcomeRecordingTest {

    private static final List<TemplateColumn> COLUMNS = List.of(aColumn("Email Address", "input/emailAddress").build());
    private static final PreparedRow ROW = new PreparedRow(12, Map.of(), null);
    private static final RowFailure OWN = new RowFailure(RowErrorType.CONFLICT, "input/emailAddress", "already taken", true);

    @Test
    void a_success_takes_the_templates_action_unless_the_result_says_whether_it_created() {
        OutcomeRecording upserts = recording(WriteKind.UPSERT);
        assertEquals(RowAction.UPDATED, upserts.record(ROW, 0, new Invocation("C:1", false, null), clean(), clean(),
                List.of()).outcome().action());
        assertNull(upserts.record(ROW, 0, new Invocation("C:1", null, null), clean(), clean(), List.of()).outcome().action());
        assertEquals(RowAction.CREATED, recording(WriteKind.CREATE).record(ROW, 0, new Invocation("C:1", null, null),
                clean(), clean(), List.of("Created account 'Initech'")).outcome().action());
        assertEquals("Created account 'Initech'; Left out input/parent", recording(WriteKind.CREATE).record(ROW, 0,
                new Invocation("C:1", null, null), clean(), clean(), List.of("Created account 'Initech'",
                        "Left out input/parent")).outcome().message());
    }

    @Test
    void a_clean_failure_is_the_rows_outcome_naming_row_and_column() {
        OutcomeRecording.Recorded recorded = recording(WriteKind.CREATE).record(ROW, 3, Invocation.failed(OWN), clean(),
                clean(), List.of());
        assertNull(recorded.rollback());
        assertEquals("Row 12, column Email Address (input/emailAddress): already taken", recorded.outcome().message());
    }

    @Test
    void a_failure_that_left_a_write_behind_or_the_transaction_unable_to_commit_spoils_it() {
        assertEquals(Attempt.poisoned(3, OWN), recording(WriteKind.CREATE).record(ROW, 3, Invocation.failed(OWN), clean(),
                new WriteState(true, 1), List.of()).rollback());
        assertEquals(Attempt.poisoned(3, OWN), recording(WriteKind.CREATE).record(ROW, 3, Invocation.failed(OWN), clean(),
                new WriteState(false, 0), List.of()).rollback());
    }

    @Test
    void a_failure_that_is_not_the_rows_own_rolls_back_with_no_row_to_blame() {
        RowFailure database = new RowFailure(RowErrorType.INTERNAL, null, "a database write failed", false);
        assertEquals(Attempt.unattributable(database), recording(WriteKind.CREATE).record(ROW, 3,
                Invocation.failed(database), clean(), clean(), List.of()).rollback());
    }

    private static WriteState clean() {
        return new WriteState(true, 0);
    }

    private static OutcomeRecording recording(WriteKind kind) {
        FileLayout layout = new FileLayout(1, List.of(FileColumn.field("input/emailAddress")), COLUMNS, "v1");
        return new OutcomeRecording(COLUMNS, kind, new LookupPolicies(layout, null, "acme", column -> Optional.empty()));
    }
}
