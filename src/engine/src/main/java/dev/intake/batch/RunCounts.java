package dev.intake.batch;

/** How a batch's rows went: succeeded and failed, and of the successes how many created or updated a record. */
public record RunCounts(long succeeded, long failed, long created, long updated) {
}
