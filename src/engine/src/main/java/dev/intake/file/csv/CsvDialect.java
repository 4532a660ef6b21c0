package dev.intake.file.csv;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import dev.intake.file.ReadOptions;

/**
 * The separator of a CSV file, from its first bytes: Excel's {@code sep=} line when the file starts with one, else
 * whichever of comma, semicolon and tab the header row holds most often outside quotes (a comma on a tie). Excel
 * writes semicolons in every locale with a decimal comma, and tabs come from {@code .tsv} files and pasted rows.
 */
public final class CsvDialect {

    private static final String SEPARATOR_LINE = "sep=";

    private CsvDialect() {
    }

    public static ReadOptions detect(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        Optional<Character> hinted = separatorLine(text);
        if (hinted.isPresent()) {
            return new ReadOptions(hinted.get(), true, null);
        }
        int[] counts = new int[3];
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                counts[0] += c == ',' ? 1 : 0;
                counts[1] += c == ';' ? 1 : 0;
                counts[2] += c == '\t' ? 1 : 0;
            }
        }
        char delimiter = counts[1] > counts[0] && counts[1] >= counts[2] ? ';' : counts[2] > counts[0] ? '\t' : ',';
        return new ReadOptions(delimiter, false, null);
    }

    /** The separator Excel's {@code sep=;} first line names, if the text starts with one. */
    static Optional<Character> separatorLine(String text) {
        if (text.length() < SEPARATOR_LINE.length() + 1
                || !text.substring(0, SEPARATOR_LINE.length()).toLowerCase(Locale.ROOT).equals(SEPARATOR_LINE)) {
            return Optional.empty();
        }
        char separator = text.charAt(SEPARATOR_LINE.length());
        String rest = text.substring(SEPARATOR_LINE.length() + 1);
        boolean lineEnds = rest.isEmpty() || rest.startsWith("\n") || rest.startsWith("\r");
        return lineEnds && (separator == ',' || separator == ';' || separator == '\t') ? Optional.of(separator)
                : Optional.empty();
    }

    /** The {@code sep=} line to write first in a file, so that Excel opens it with the same separator. */
    public static String separatorLineOf(char delimiter) {
        return SEPARATOR_LINE + delimiter + "\r\n";
    }
}
