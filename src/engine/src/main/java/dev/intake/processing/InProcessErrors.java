package dev.intake.processing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.intake.target.ErrorClassifier;
import dev.intake.target.RowFailure;
import graphql.GraphQLError;

/**
 * The in-process error classifier: a row's error carries the exception its mutation threw, and the exception's class
 * says what went wrong ({@link ExecutionErrors}).
 */
@ApplicationScoped
class InProcessErrors implements ErrorClassifier {

    @Override
    public RowFailure classify(List<GraphQLError> errors) {
        return ExecutionErrors.classify(errors);
    }
}
