package dev.intake.file;

/**
 * How an uploader asked for a file to be read; each part {@code null} to let Intake decide from the file.
 *
 * @param format the format, overriding what the file's first bytes and name say
 * @param delimiter the CSV separator, overriding the one found in the header row
 * @param sheet the workbook sheet, by name
 */
public record ReadRequest(FileFormat format, Character delimiter, String sheet) {

    public static final ReadRequest NONE = new ReadRequest(null, null, null);
}
