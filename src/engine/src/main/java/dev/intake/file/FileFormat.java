package dev.intake.file;

import org.eclipse.microprofile.graphql.Enum;

/** The formats an upload can be in; the upload sniffer decides which, and each has its own {@link RowSource}. */
@Enum("IntakeFileFormat")
public enum FileFormat {

    /** RFC 4180 CSV in UTF-8, separated by commas, semicolons or tabs. */
    CSV("text/csv; charset=UTF-8"),
    /** One JSON object per line, in UTF-8. */
    NDJSON("application/x-ndjson; charset=UTF-8"),
    /** An Office Open XML workbook. */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String mediaType;

    FileFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type a file of this format is sent with. */
    public String mediaType() {
        return mediaType;
    }
}
