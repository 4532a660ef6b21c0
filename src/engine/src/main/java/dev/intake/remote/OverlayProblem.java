package dev.intake.remote;

/**
 * A mistake in a target's overlay: where it is and what was expected.
 *
 * @param line the line in the overlay file, from 1; 0 when the whole file is at fault
 */
public record OverlayProblem(int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
