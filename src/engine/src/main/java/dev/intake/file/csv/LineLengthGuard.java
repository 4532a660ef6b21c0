package dev.intake.file.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading a file at a line longer than the limit, before the CSV parser holds it in memory: a single
 * line of many megabytes fails the file with a clear message instead of exhausting the heap.
 */
final class LineLengthGuard extends FilterReader {

    /** Thrown, wrapped by the CSV parser, when a line is too long. */
    static final class LineTooLongException extends IOException {
        private final long line;

        LineTooLongException(int limit, long line) {
            super("line " + line + " is longer than " + limit + " characters");
            this.line = line;
        }

        /** The line of the file, counted from 1, that is too long. */
        long line() {
            return line;
        }
    }

    private final int limit;
    private int sinceNewline;
    private long line = 1;

    LineLengthGuard(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c);
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = offset; i < offset + read; i++) {
            count(buffer[i]);
        }
        return read;
    }

    private void count(int c) throws LineTooLongException {
        if (c == '\n') {
            sinceNewline = 0;
            line++;
        } else if (c >= 0 && ++sinceNewline > limit) {
            throw new LineTooLongException(limit, line);
        }
    }
}
