package dev.intake.console;

import java.util.List;

import dev.intake.webhook.Webhook;
import dev.intake.webhook.WebhookStore;

/**
 * A webhook on the console's page, with its recent deliveries and each one's attempts.
 *
 * @param secret the secret, only on the answer that made or rotated it; null otherwise
 */
public record WebhookRow(Webhook webhook, List<DeliveryRow> deliveries, String secret) {

    /** A delivery with its attempts, newest attempt last. */
    public record DeliveryRow(WebhookStore.Delivery delivery, List<WebhookStore.Attempt> attempts) {

        /** The badge's class: ok, busy or bad. */
        public String tone() {
            return switch (delivery.status()) {
                case "DELIVERED" -> "ok";
                case "FAILED" -> "bad";
                default -> "busy";
            };
        }

        public String label() {
            return switch (delivery.status()) {
                case "DELIVERED" -> "Delivered";
                case "FAILED" -> "Failed";
                default -> delivery.attempts() == 0 ? "Waiting" : "Retrying";
            };
        }

        /** The batch's ID, shortened as the history shows IDs. */
        public String shortBatch() {
            return delivery.batchId().toString().substring(0, 8);
        }

        /** What the last attempt got: its status code, or its error. */
        public String lastAnswer() {
            if (attempts.isEmpty()) {
                return "Not sent yet";
            }
            WebhookStore.Attempt last = attempts.get(attempts.size() - 1);
            return last.error() != null ? last.error() : "Answered " + last.statusCode();
        }
    }
}
