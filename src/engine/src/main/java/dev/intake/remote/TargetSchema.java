package dev.intake.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One version of a target's schema, as stored.
 *
 * @param version counts from 1; a new version starts when the schema's text changes
 * @param hash the SHA-256 of the SDL
 * @param source {@code INTROSPECTION} or {@code FILE}
 * @param readAt when this version was first read
 * @param checkedAt when the target last gave this version
 * @param changes what changed from the previous version, a line each; empty for the first
 */
record TargetSchema(String target, int version, String hash, String sdl, String source, Instant readAt,
        Instant checkedAt, java.util.List<String> changes) {

    TargetSchema {
        changes = java.util.List.copyOf(changes);
    }

    static String hash(String sdl) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sdl.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
