package dev.intake.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organisation's URL told of its batches' changes, with the secret that signs what it is sent.
 *
 * @param events which changes it is told of: {@link WebhookEvent#names()}
 */
public record Webhook(UUID id, String organisation, String url, List<String> events, String secret, String createdBy,
        Instant createdAt) {

    public Webhook {
        events = List.copyOf(events);
    }
}
