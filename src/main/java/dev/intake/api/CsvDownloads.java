package dev.intake.api;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;

/** Headers of file downloads. */
final class CsvDownloads {

    static final String CSV = "text/csv; charset=UTF-8";

    private CsvDownloads() {
    }

    /**
     * A Content-Disposition for a file name from a user: an ASCII fallback with anything outside a safe set
     * replaced, plus the exact name encoded per RFC 5987.
     */
    static String attachment(String filename) {
        String safe = filename.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = "download";
        }
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + safe + "\"; filename*=UTF-8''" + encoded;
    }
}
