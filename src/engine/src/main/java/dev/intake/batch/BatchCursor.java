package dev.intake.batch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** A position in the newest-first list of batches, opaque to clients. */
public record BatchCursor(Instant createdAt, UUID id) {

    public static BatchCursor of(ImportBatch batch) {
        return new BatchCursor(batch.createdAt(), batch.id());
    }

    public String encode() {
        String plain = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor; throws {@link IllegalArgumentException} for one Intake did not make. */
    public static BatchCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            return new BatchCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this list", e);
        }
    }
}
