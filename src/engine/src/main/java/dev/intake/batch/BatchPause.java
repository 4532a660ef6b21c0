package dev.intake.batch;

import java.time.Instant;

/**
 * Why a processing batch waits, and until when: its remote target throttles it, refuses its credentials or cannot be
 * reached.
 *
 * @param until when its workers take it up again; {@code null} when it waits until a probe of its target succeeds or
 *        an admin resumes it
 */
public record BatchPause(Instant until, String reason) {
}
