package dev.intake.processing;


import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;

import org.jboss.logging.Logger;

import dev.intake.batch.RowErrorType;
import dev.intake.error.ConflictException;
import dev.intake.error.InvalidValueException;
import dev.intake.error.LookupFailedException;
import dev.intake.error.NotFoundException;
import dev.intake.error.UserFacingException;
import dev.intake.file.Values;
import dev.intake.target.RowFailure;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;

/** Classifies the first error of a failed mutation into a row failure. */
final class ExecutionErrors {

    private static final Logger LOG = Logger.getLogger(ExecutionErrors.class);

    private ExecutionErrors() {
    }

    static RowFailure classify(List<GraphQLError> errors) {
        GraphQLError error = errors.get(0);
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return ofException(fetching.getException());
        }
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.get("violations") instanceof List<?> violations && !violations.isEmpty()) {
            return ofViolations(violations);
        }
        ErrorClassification classification = error.getErrorType();
        if (classification == ErrorType.ValidationError || classification == ErrorType.InvalidSyntax
                || "ValidationError".equals(String.valueOf(classification))) {
            return new RowFailure(RowErrorType.VALIDATION, null, error.getMessage(), true);
        }
        LOG.warnf("Unexpected GraphQL error while importing a row: %s", error.getMessage());
        return new RowFailure(RowErrorType.INTERNAL, null, "the server could not run this row (" + classification + ")", false);
    }

    static RowFailure ofException(Throwable exception) {
        if (exception instanceof UserFacingException userFacing) {
            return new RowFailure(typeOf(userFacing), userFacing.field(), userFacing.getMessage(), true);
        }
        if (exception instanceof SecurityException) {
            return new RowFailure(RowErrorType.PERMISSION, null, "the uploader is not allowed to do this", true);
        }
        if (exception instanceof ConstraintViolationException violations) {
            String detail = violations.getConstraintViolations().stream()
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                    .collect(Collectors.joining("; "));
            return new RowFailure(RowErrorType.VALIDATION, null, detail, false);
        }
        if (DatabaseErrors.rowFault(exception).isPresent()) {
            LOG.debugf(exception, "A database write failed during a row; isolating the row at fault");
            return new RowFailure(RowErrorType.INTERNAL, null, "a database write failed during this row", false);
        }
        LOG.errorf(exception, "A row's mutation failed inside the server");
        return new RowFailure(RowErrorType.INTERNAL, null, "the server failed while running this row; its log has the details",
                false);
    }

    private static RowErrorType typeOf(UserFacingException exception) {
        if (exception instanceof NotFoundException) {
            return RowErrorType.NOT_FOUND;
        }
        if (exception instanceof ConflictException) {
            return RowErrorType.CONFLICT;
        }
        if (exception instanceof LookupFailedException) {
            return RowErrorType.LOOKUP;
        }
        if (exception instanceof InvalidValueException) {
            return RowErrorType.VALIDATION;
        }
        return RowErrorType.VALIDATION;
    }

    /** Bean-validation failures, as SmallRye GraphQL reports them: a property path starting with the mutation. */
    private static RowFailure ofViolations(List<?> violations) {
        String field = null;
        StringBuilder detail = new StringBuilder();
        for (Object item : violations) {
            if (!(item instanceof Map<?, ?> violation)) {
                continue;
            }
            String path = path(violation.get("propertyPath"));
            if (field == null) {
                field = path;
            }
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            if (!path.equals(field)) {
                detail.append(path).append(' ');
            }
            detail.append(violation.get("message"));
            Object invalid = violation.get("invalidValue");
            if (invalid != null) {
                detail.append(" (got '").append(Values.shorten(String.valueOf(invalid))).append("')");
            }
        }
        return new RowFailure(RowErrorType.VALIDATION, field, detail.toString(), true);
    }

    private static String path(Object propertyPath) {
        if (propertyPath instanceof List<?> segments && segments.size() > 1) {
            return segments.subList(1, segments.size()).stream().map(String::valueOf).collect(Collectors.joining("/"));
        }
        return String.valueOf(propertyPath);
    }
}
