package dev.intake.file;

/** The formats an upload can be in; the upload sniffer decides which, and each has its own {@link RowSource}. */
public enum FileFormat {

    /** RFC 4180 CSV in UTF-8, separated by commas, semicolons or tabs. */
    CSV,
    /** One JSON object per line, in UTF-8. */
    NDJSON,
    /** An Office Open XML workbook. */
    XLSX
}
