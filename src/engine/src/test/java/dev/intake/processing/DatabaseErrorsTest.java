package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import dev.intake.batch.RowErrorType;
import dev.intake.error.ConstraintMessages;
import dev.intake.target.RowFailure;

/** Which database errors a row is to blame for, and what its outcome then says. */
class DatabaseErrorsTest {

    @Test
    void a_unique_violation_is_the_rows_conflict_named_by_its_constraint() {
        RowFailure failure = DatabaseErrors.rowFault(wrapped(server("23505", "contact_email_address_key"))).orElseThrow();
        assertEquals(RowErrorType.CONFLICT, failure.type());
        assertEquals("a value that must be unique is already taken (contact_email_address_key)", failure.detail());
    }

    @Test
    void the_domain_explains_a_constraint_it_knows() {
        ConstraintMessages messages = constraint -> constraint.equals("contact_email_address_key")
                ? Optional.of(new ConstraintMessages.Explanation("input/emailAddress", "the email address is taken"))
                : Optional.empty();
        RowFailure failure = DatabaseErrors.rowFault(wrapped(server("23505", "contact_email_address_key")), messages)
                .orElseThrow();
        assertEquals("input/emailAddress", failure.field());
        assertEquals("the email address is taken", failure.detail());
    }

    @Test
    void a_foreign_key_a_check_and_a_value_too_long_are_the_rows_fault() {
        assertEquals(RowErrorType.LOOKUP, DatabaseErrors.rowFault(server("23503", "contact_account_id_fkey")).orElseThrow().type());
        assertEquals(RowErrorType.VALIDATION, DatabaseErrors.rowFault(server("23514", "price_positive")).orElseThrow().type());
        assertEquals(RowErrorType.VALIDATION, DatabaseErrors.rowFault(new PSQLException("too long",
                org.postgresql.util.PSQLState.STRING_DATA_RIGHT_TRUNCATION)).orElseThrow().type());
    }

    @Test
    void the_next_exception_of_a_batch_update_is_the_one_read() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", new int[0]);
        batch.setNextException(server("23505", "account_name_key"));
        assertEquals(RowErrorType.CONFLICT, DatabaseErrors.rowFault(batch).orElseThrow().type());
    }

    @Test
    void a_lost_connection_is_nobodys_fault_and_the_work_waits() {
        SQLException lost = new PSQLException("connection refused", org.postgresql.util.PSQLState.CONNECTION_FAILURE);
        assertTrue(DatabaseErrors.rowFault(wrapped(lost)).isEmpty());
        assertTrue(DatabaseErrors.isUnavailable(wrapped(lost)));
        assertFalse(DatabaseErrors.isUnavailable(server("23505", "account_name_key")));
    }

    @Test
    void an_exception_without_sql_is_not_a_database_fault() {
        assertTrue(DatabaseErrors.rowFault(new IllegalStateException("a bug")).isEmpty());
    }

    private static PSQLException server(String state, String constraint) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0Mfailed\0n" + constraint + "\0"));
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new RuntimeException("flush failed", new IllegalStateException("statement failed", cause));
    }
}
