package dev.intake.file;

/** How wide a file, how long a line and how long a cell may be. */
public record ReadLimits(int maxColumns, int maxLineLength, int maxCellLength) {

    /** No practical limit, for tests of other rules. */
    public static final ReadLimits NONE = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
}
