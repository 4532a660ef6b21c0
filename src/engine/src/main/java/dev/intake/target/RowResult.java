package dev.intake.target;

import java.util.List;

import graphql.GraphQLError;

/**
 * What one row's mutation answered: the value of its field (an object or a scalar), or its errors, as GraphQL errors
 * whatever the target (in-process, the exception behind an error is there too).
 *
 * @param value the mutation field's value; {@code null} when it failed or answered null
 * @param errors the errors of this row, empty when it succeeded
 * @param failure what the errors mean, where the session knows it already (a remote target's answer, read by its
 *        error codes); {@code null} when they are to be classified
 */
public record RowResult(Object value, List<GraphQLError> errors, RowFailure failure) {

    public RowResult {
        errors = List.copyOf(errors);
    }

    public RowResult(Object value, List<GraphQLError> errors) {
        this(value, errors, null);
    }

    /** A result that failed for a reason known already. */
    public static RowResult failed(RowFailure failure) {
        return new RowResult(null, List.of(graphql.GraphqlErrorBuilder.newError().message(failure.detail()).build()),
                failure);
    }

    public static RowResult of(Object value) {
        return new RowResult(value, List.of());
    }

    public static RowResult failed(List<GraphQLError> errors) {
        return new RowResult(null, errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
