package dev.intake.target;

import java.util.List;

import graphql.GraphQLError;

/**
 * What a row's GraphQL errors mean in Intake's terms: its error type, the field at fault and a message, read from the
 * errors' exceptions in-process, or from their {@code extensions.code}, classification and message.
 */
public interface ErrorClassifier {

    /** The failure of a row whose mutation ended with these errors (at least one). */
    RowFailure classify(List<GraphQLError> errors);
}
