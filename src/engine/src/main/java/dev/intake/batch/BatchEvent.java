package dev.intake.batch;

import java.time.Instant;

/** A status change of a batch: when, by whom (a user or a worker instance), to what, and why. */
public record BatchEvent(Instant at, String actor, BatchStatus status, String detail) {
}
