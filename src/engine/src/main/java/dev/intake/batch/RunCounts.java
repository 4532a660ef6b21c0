package dev.intake.batch;

/**
 * How a batch's rows went: succeeded and failed, of the successes how many created or updated a record, and of the
 * failures how many have an unknown outcome (sent to a remote target, and the answer lost).
 */
public record RunCounts(long succeeded, long failed, long created, long updated, long unknown) {

    public RunCounts(long succeeded, long failed, long created, long updated) {
        this(succeeded, failed, created, updated, 0);
    }
}
