package dev.intake.undo;

/**
 * A record as a committed row left it, and for an update as it was before, each as the read query answered it (JSON),
 * or {@code null} when it was not read.
 */
public record RowImage(long rowNumber, String before, String after) {
}
