package dev.intake.upload;

/** An upload over the configured size limit. */
public class UploadTooLargeException extends RuntimeException {

    public UploadTooLargeException(String message) {
        super(message);
    }
}
