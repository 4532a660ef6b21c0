package dev.intake.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dev.intake.imports.Download;

/** Sends a {@link Download} as a file attachment. */
public final class Downloads {

    private Downloads() {
    }

    public static Response send(Download download) {
        StreamingOutput body = download.body()::writeTo;
        Response.ResponseBuilder response = Response.ok(body, download.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(download.filename()));
        if (download.length() >= 0) {
            response.header(HttpHeaders.CONTENT_LENGTH, download.length());
        }
        return response.build();
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
