package dev.intake.file.csv;

import dev.intake.file.UnreadableFileException;

/** The file cannot be read as CSV from some point on: bad syntax, a line over the limit, bytes that are not UTF-8. */
public class CsvFileException extends UnreadableFileException {

    public CsvFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
