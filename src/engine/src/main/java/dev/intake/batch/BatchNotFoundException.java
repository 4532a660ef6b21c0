package dev.intake.batch;

import dev.intake.error.NotFoundException;

/** No import batch has the id, or it belongs to another organisation, which is the same to the caller. */
public class BatchNotFoundException extends NotFoundException {

    public BatchNotFoundException(String id) {
        super("id", "There is no import batch with the id '" + id + "'");
    }

    @Override
    public String details() {
        return "List batches with the importBatches query";
    }
}
