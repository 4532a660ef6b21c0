package dev.intake.mapping;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A header as the normalised stage compares it: accents removed, then everything but letters and digits
 * (spaces, punctuation, underscores, hyphens) dropped, in lower case; so {@code E-mail address},
 * {@code email_address}, {@code EMAIL ADDRESS} and {@code emailAddress} fold alike. A leading apostrophe, as
 * spreadsheets keep it, goes too.
 */
final class HeaderFold {

    private HeaderFold() {
    }

    static String of(String header) {
        if (header == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(header.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.replaceAll("[^\\p{L}\\p{N}]+", "").toLowerCase(Locale.ROOT);
    }
}
