package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.batch.RowErrorType;
import dev.intake.error.ConflictException;
import dev.intake.error.LookupFailedException;
import dev.intake.error.NotFoundException;
import dev.intake.target.RowFailure;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;

class ExecutionErrorsTest {

    @Test
    void user_facing_exceptions_keep_their_type_field_and_message() {
        RowFailure conflict = ExecutionErrors.classify(List.of(fetching(new ConflictException("input/email", "taken"))));
        assertEquals(new RowFailure(RowErrorType.CONFLICT, "input/email", "taken", true), conflict);
        assertEquals(RowErrorType.LOOKUP,
                ExecutionErrors.classify(List.of(fetching(new LookupFailedException("input/a", "none")))).type());
        assertEquals(RowErrorType.NOT_FOUND,
                ExecutionErrors.classify(List.of(fetching(new NotFoundException("input/id", "gone")))).type());
    }

    @Test
    void graphql_coercion_errors_are_validation_failures_of_the_row() {
        GraphQLError coercion = GraphqlErrorBuilder.newError().errorType(ErrorType.ValidationError)
                .message("Variable 'input' has an invalid value: Expected type 'Int' but was 'String'.").build();
        RowFailure failure = ExecutionErrors.classify(List.of(coercion));
        assertEquals(RowErrorType.VALIDATION, failure.type());
        assertTrue(failure.ownFault());
        assertEquals("Row 5: Variable 'input' has an invalid value: Expected type 'Int' but was 'String'.",
                failure.message(5, List.of()));
    }

    @Test
    void bean_validation_violations_name_the_field_below_the_mutation() {
        GraphQLError violations = GraphqlErrorBuilder.newError().errorType(ErrorType.ValidationError)
                .message("validation failed")
                .extensions(Map.of("violations", List.of(Map.of(
                        "propertyPath", List.of("createContact", "input", "emailAddress"),
                        "message", "must be a well-formed email address",
                        "invalidValue", "nope"))))
                .build();
        RowFailure failure = ExecutionErrors.classify(List.of(violations));
        assertEquals(new RowFailure(RowErrorType.VALIDATION, "input/emailAddress",
                "must be a well-formed email address (got 'nope')", true), failure);
    }

    @Test
    void unexpected_exceptions_are_internal_and_never_show_their_message() {
        RowFailure failure = ExecutionErrors.classify(List.of(fetching(new IllegalStateException("SELECT secret FROM x"))));
        assertEquals(RowErrorType.INTERNAL, failure.type());
        assertFalse(failure.detail().contains("secret"));
        assertFalse(failure.ownFault(), "an unexpected failure is not pinned on the row that surfaced it");
    }

    private static GraphQLError fetching(Throwable exception) {
        return new ExceptionWhileDataFetching(ResultPath.rootPath(), exception, null);
    }
}
