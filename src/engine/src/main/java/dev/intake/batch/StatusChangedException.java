package dev.intake.batch;

import java.util.UUID;

/** A batch was no longer in the status a change expected, because another actor changed it first (a cancel). */
public class StatusChangedException extends IllegalStateException {

    public StatusChangedException(UUID id, BatchStatus expected) {
        super("Batch " + id + " is no longer " + expected);
    }
}
