package dev.intake.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a webhook can be told of. */
public enum WebhookEvent {
    /** The batch reached a status that ends it. */
    BATCH_ENDED("batch.ended"),
    /** The batch's status changed, whatever to. */
    BATCH_STATUS_CHANGED("batch.status-changed");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The name in a delivery's body and its {@code Intake-Event} header. */
    public String wireName() {
        return wireName;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(WebhookEvent::wireName).toList();
    }

    public static Optional<WebhookEvent> of(String name) {
        return Arrays.stream(values()).filter(event -> event.wireName.equals(name)).findFirst();
    }
}
