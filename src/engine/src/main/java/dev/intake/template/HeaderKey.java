package dev.intake.template;

import java.util.Locale;

/** Header cells compare after trimming, dropping a leading apostrophe, folding whitespace runs and case. */
public final class HeaderKey {

    private HeaderKey() {
    }

    public static String of(String cell) {
        if (cell == null) {
            return "";
        }
        String key = cell.strip();
        if (key.startsWith("'")) {
            key = key.substring(1).strip();
        }
        return key.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
