package dev.intake.parsing;

/** The file cannot be read as CSV at all from some point on, so none of it is imported. */
public class CsvFileException extends RuntimeException {

    public CsvFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
