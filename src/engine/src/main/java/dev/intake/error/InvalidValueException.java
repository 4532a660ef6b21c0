package dev.intake.error;

/** A value has the wrong format or breaks a rule of the domain. */
public class InvalidValueException extends UserFacingException {

    public InvalidValueException(String field, String message) {
        super(field, message);
    }
}
