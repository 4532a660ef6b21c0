package dev.intake.undo;

/**
 * A record as a committed row left it, and for an update as it was before, each as the read query answered it (JSON),
 * or {@code null} when it was not read; and the values of the row's input that its undo takes, or {@code null}.
 */
public record RowImage(long rowNumber, String before, String after, String input) {

    public RowImage(long rowNumber, String before, String after) {
        this(rowNumber, before, after, null);
    }
}
