package dev.intake.error;

/** The record the request refers to does not exist (or is not visible to the caller). */
public class NotFoundException extends UserFacingException {

    public NotFoundException(String field, String message) {
        super(field, message);
    }
}
