package dev.intake.imports;

import java.time.Instant;
import java.util.UUID;

import dev.intake.error.UserFacingException;

/** The batch's files and rows were deleted under the retention rule; its status and counts remain. */
public class BatchPurgedException extends UserFacingException {

    private final UUID id;

    public BatchPurgedException(UUID id, Instant purgedAt, int retentionDays) {
        super("id", "The files and rows of batch " + id + " were deleted on " + purgedAt + ", " + retentionDays
                + " days after it ended");
        this.id = id;
    }

    @Override
    public String details() {
        return "Its status and counts are still on GET /imports/" + id;
    }
}
