package dev.intake.id;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Global IDs: the Base64 of {@code Type:number}, such as {@code UHJvZHVjdDo0Mg==} for {@code Product:42}. An ID
 * says which type it belongs to, so an ID of one type is never taken for another.
 */
public final class GlobalId {

    private GlobalId() {
    }

    public static String encode(String type, long id) {
        return Base64.getEncoder().encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The number inside an ID of this type; empty for anything else, including an ID of another type. */
    public static Optional<Long> decode(String type, String globalId) {
        if (globalId == null || globalId.isBlank()) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getDecoder().decode(globalId.strip()), StandardCharsets.UTF_8);
            if (!plain.startsWith(type + ":")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(plain.substring(type.length() + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
