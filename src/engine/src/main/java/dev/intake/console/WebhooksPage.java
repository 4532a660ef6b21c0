package dev.intake.console;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.webhook.Webhook;
import dev.intake.webhook.WebhookEvent;
import dev.intake.webhook.WebhookService;
import dev.intake.webhook.WebhookStore;
import io.quarkus.qute.TemplateInstance;

/** The webhooks page: each webhook with its ten latest deliveries, and a secret shown once after it was made. */
@ApplicationScoped
class WebhooksPage {

    private static final int RECENT = 10;

    @Inject
    WebhookService webhooks;

    @Inject
    WebhookStore store;

    /**
     * @param shown the webhook whose secret was just made, or null
     * @param secret that secret, shown this once
     */
    TemplateInstance render(Viewer viewer, UUID shown, String secret) {
        List<WebhookRow> rows = viewer.admin() ? webhooks.all().stream().map(webhook -> row(webhook,
                webhook.id().equals(shown) ? secret : null)).toList() : List.of();
        return Pages.webhooks(viewer, rows, WebhookEvent.names());
    }

    private WebhookRow row(Webhook webhook, String secret) {
        return new WebhookRow(webhook, store.deliveries(webhook.id(), RECENT).stream()
                .map(delivery -> new WebhookRow.DeliveryRow(delivery, store.attempts(delivery.id()))).toList(), secret);
    }
}
