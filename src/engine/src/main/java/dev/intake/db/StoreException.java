package dev.intake.db;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** A database statement of the import engine failed. */
public class StoreException extends RuntimeException {

    /** PostgreSQL's SQL state for a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the statement broke the named unique constraint or index, as PostgreSQL reports it. */
    public boolean violatesUnique(String constraint) {
        if (!(getCause() instanceof PSQLException psql) || !UNIQUE_VIOLATION.equals(psql.getSQLState())) {
            return false;
        }
        ServerErrorMessage server = psql.getServerErrorMessage();
        return server != null && constraint.equals(server.getConstraint());
    }
}
