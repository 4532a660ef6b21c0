package dev.intake.db;

import java.sql.SQLException;

/** A database statement of the import engine failed. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
