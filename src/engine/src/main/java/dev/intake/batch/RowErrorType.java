package dev.intake.batch;

import org.eclipse.microprofile.graphql.Enum;

/** Why a row failed. */
@Enum("IntakeRowErrorType")
public enum RowErrorType {
    /** The row is malformed, such as the wrong number of cells. */
    PARSE,
    /** A value has the wrong type or format, a required value is missing, or a validation rule failed. */
    VALIDATION,
    /** A reference to another record matched none, or more than one. */
    LOOKUP,
    /** A uniqueness rule or a concurrent change. */
    CONFLICT,
    /** The record the row refers to does not exist. */
    NOT_FOUND,
    /** The uploader may not do what the row asks. */
    PERMISSION,
    /** A fault in the server, not in the row. */
    INTERNAL,
    /**
     * The row was sent to a remote target, and whether the target wrote it is not known: the answer was lost (a
     * timeout after the request left, a reset connection, the server stopping). It is never sent again by itself.
     */
    OUTCOME_UNKNOWN
}
