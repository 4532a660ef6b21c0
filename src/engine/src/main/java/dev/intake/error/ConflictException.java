package dev.intake.error;

/** The request would break a uniqueness rule or collides with a concurrent change. */
public class ConflictException extends UserFacingException {

    public ConflictException(String field, String message) {
        super(field, message);
    }
}
