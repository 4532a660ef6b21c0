package dev.intake.file;

/**
 * A file cannot be imported as a whole (a header that does not match, too many rows, bytes that are not text), so
 * none of it is imported. The message says where and why.
 */
public class UnreadableFileException extends RuntimeException {

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
