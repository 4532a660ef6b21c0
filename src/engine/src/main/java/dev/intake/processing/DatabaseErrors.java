package dev.intake.processing;


import java.sql.SQLException;
import java.util.Optional;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import dev.intake.batch.RowErrorType;
import dev.intake.error.ConstraintMessages;
import dev.intake.target.RowFailure;

/**
 * Tells a write that failed because of the data (a unique-constraint violation, a value too long) from a fault of
 * the infrastructure (a lost connection), which no row is to blame for.
 */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** The row-level failure a data error amounts to; empty when the infrastructure failed and the work should wait. */
    static Optional<RowFailure> rowFault(Throwable failure) {
        return rowFault(failure, constraint -> Optional.empty());
    }

    /** The same, with the domain's explanation of the constraint that was broken, when it has one. */
    static Optional<RowFailure> rowFault(Throwable failure, ConstraintMessages messages) {
        SQLException sql = sqlCause(failure);
        if (sql == null || sql.getSQLState() == null) {
            return isPersistenceError(failure) ? Optional.of(internal()) : Optional.empty();
        }
        String state = sql.getSQLState();
        if (isInfrastructure(state)) {
            return Optional.empty();
        }
        String constraint = constraint(sql);
        RowFailure fault = classify(state, constraint);
        if (constraint == null) {
            return Optional.of(fault);
        }
        return Optional.of(messages.explain(constraint)
                .map(explanation -> new RowFailure(fault.type(), explanation.field(), explanation.message(), true))
                .orElse(fault));
    }

    /** Whether the database could not be reached or went away, rather than refused some data. */
    static boolean isUnavailable(Throwable failure) {
        SQLException sql = sqlCause(failure);
        return sql != null && sql.getSQLState() != null && isInfrastructure(sql.getSQLState());
    }

    /** Connection failures, exhausted resources, an operator intervention (a shutdown) and system errors. */
    private static boolean isInfrastructure(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("58");
    }

    private static RowFailure classify(String state, String constraint) {
        return switch (state) {
            case "23505" -> new RowFailure(RowErrorType.CONFLICT, null,
                    "a value that must be unique is already taken" + named(constraint), true);
            case "23503" -> new RowFailure(RowErrorType.LOOKUP, null,
                    "a referenced record does not exist" + named(constraint), true);
            case "23502", "23514" -> new RowFailure(RowErrorType.VALIDATION, null,
                    "a value breaks a rule of the database" + named(constraint), true);
            case "40001", "40P01" -> new RowFailure(RowErrorType.CONFLICT, null,
                    "a concurrent change collided with this row; import it again", true);
            default -> state.startsWith("22")
                    ? new RowFailure(RowErrorType.VALIDATION, null, "a value does not fit its database column", true)
                    : internal();
        };
    }

    private static RowFailure internal() {
        return new RowFailure(RowErrorType.INTERNAL, null, "the server failed while writing this row; its log has the details",
                true);
    }

    private static boolean isPersistenceError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.PersistenceException || cause instanceof org.hibernate.HibernateException) {
                return true;
            }
        }
        return false;
    }

    private static String named(String constraint) {
        return constraint == null ? "" : " (" + constraint + ")";
    }

    private static String constraint(SQLException sql) {
        if (sql instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            return server == null ? null : server.getConstraint();
        }
        return null;
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null) {
                return batch.getNextException();
            }
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
