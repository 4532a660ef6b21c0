package dev.intake.error;

/** A reference to another record by one of its fields matched no record, or more than one. */
public class LookupFailedException extends UserFacingException {

    public LookupFailedException(String field, String message) {
        super(field, message);
    }
}
