package dev.intake.upload;

/** An upload refused before it became a batch: an unknown template, an empty file, a file that is not CSV. */
public class RejectedUploadException extends RuntimeException {

    private final String code;
    private final String details;

    public RejectedUploadException(String code, String message, String details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    /** A stable machine-readable reason, such as {@code unknown_template}. */
    public String code() {
        return code;
    }

    public String details() {
        return details;
    }
}
