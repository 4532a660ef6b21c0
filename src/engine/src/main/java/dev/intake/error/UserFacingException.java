package dev.intake.error;

/**
 * A failure the caller can fix. GraphQL shows its message, with a {@code code} extension derived from the
 * class name ({@code NotFoundException} becomes {@code not-found}) and, when known, the input {@code field}.
 * Anything else is a bug: GraphQL shows a generic message and the server logs it.
 */
public abstract class UserFacingException extends RuntimeException {

    private final String field;

    protected UserFacingException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input field at fault, as a path such as {@code input/emailAddress}; {@code null} when not one field. */
    public String field() {
        return field;
    }

    /** What to do about it, for the REST error body's {@code details}; {@code null} when the message says it all. */
    public String details() {
        return null;
    }
}
