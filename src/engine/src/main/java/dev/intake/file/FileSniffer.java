package dev.intake.file;

import java.util.Optional;

/**
 * Recognises uploads that are no text Intake reads from their first bytes: PDFs, compressed files, other encodings,
 * binary data. Zip archives (workbooks) and old Excel files are told apart before, by the workbook checks.
 */
public final class FileSniffer {

    /** How many leading bytes {@link #problem} looks at. */
    public static final int HEAD_SIZE = 8192;

    private FileSniffer() {
    }

    /**
     * Why the file, which is no workbook, is not UTF-8 text (CSV or NDJSON), or empty when it may be. Whatever format
     * the upload names, a file that fails this is refused: naming a format does not make a PDF text.
     */
    public static Optional<String> problem(byte[] head, int length) {
        if (startsWith(head, length, '%', 'P', 'D', 'F')) {
            return Optional.of("The file is a PDF document, not CSV or NDJSON text");
        }
        if (startsWith(head, length, 0x1F, 0x8B)) {
            return Optional.of("The file is gzip-compressed; upload the uncompressed file");
        }
        if (startsWith(head, length, 0xFF, 0xFE) || startsWith(head, length, 0xFE, 0xFF)) {
            return Optional.of("The file is UTF-16 text; save it as \"CSV UTF-8\" and upload that");
        }
        for (int i = 0; i < length; i++) {
            if (head[i] == 0) {
                return Optional.of("The file holds binary data (a NUL byte at offset " + i + "), not CSV or NDJSON text");
            }
        }
        return Optional.empty();
    }

    /**
     * The format of a file for which {@link #problem} found none: NDJSON when its first character (after a byte-order
     * mark and white space) is <code>{</code>, else CSV; a {@code .ndjson} or {@code .jsonl} name makes it NDJSON
     * too.
     */
    public static FileFormat formatOf(byte[] head, int length, String filename) {
        int at = length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (at < length && (head[at] == ' ' || head[at] == '\t' || head[at] == '\r' || head[at] == '\n')) {
            at++;
        }
        String name = filename == null ? "" : filename.toLowerCase(java.util.Locale.ROOT);
        if ((at < length && head[at] == '{') || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return FileFormat.NDJSON;
        }
        return FileFormat.CSV;
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
