package dev.intake.batch;

import java.util.UUID;

/** The same file was already uploaded for the same template and is still pending or running. */
public class DuplicateActiveBatchException extends RuntimeException {

    private final UUID existing;

    public DuplicateActiveBatchException(String template, UUID existing) {
        super("The same file is already being imported with the template " + template
                + (existing == null ? "" : ", as batch " + existing));
        this.existing = existing;
    }

    /** The batch already importing this file, when known. */
    public UUID existing() {
        return existing;
    }
}
