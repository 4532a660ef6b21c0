package dev.intake.db;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The writes Hibernate holds in the current transaction: sent now, so that one a constraint refuses fails here and can
 * be blamed on what made it, rather than at commit.
 */
@ApplicationScoped
public class PendingWrites {

    @Inject
    EntityManager entityManager;

    /** Sends the held writes and forgets the records loaded. */
    public void flush() {
        entityManager.flush();
        entityManager.clear();
    }

    /** The SQLSTATE of the database error behind a failure, such as 23503 for a foreign key; empty when none. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
