package dev.intake.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.batch.BatchLinks;
import dev.intake.batch.BatchStatusChanged;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.config.IntakeConfig;

/**
 * Queues a delivery for each webhook that asked for a batch's change, in the transaction that made the change: a
 * change rolled back queues nothing, and one committed is delivered even if this instance dies right after.
 */
@ApplicationScoped
public class WebhookEvents {

    @Inject
    WebhookStore webhooks;

    @Inject
    BatchStore batches;

    @Inject
    ObjectMapper json;

    @Inject
    IntakeConfig config;

    void statusChanged(@Observes BatchStatusChanged changed) {
        ImportBatch batch = null;
        for (WebhookEvent event : WebhookEvent.values()) {
            if (event == WebhookEvent.BATCH_ENDED && !changed.ends()) {
                continue;
            }
            if (batch == null) {
                batch = batches.find(changed.batchId()).orElse(null);
                if (batch == null) {
                    return;
                }
            }
            webhooks.enqueue(batch.organisation(), batch.id(), event, body(event, changed, batch), changed.at());
        }
    }

    /** The delivery's JSON: the event, when, and the batch with its counts and links. */
    private String body(WebhookEvent event, BatchStatusChanged changed, ImportBatch batch) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", batch.id().toString());
        fields.put("template", batch.template());
        fields.put("target", batch.target());
        fields.put("status", batch.status().name());
        fields.put("previousStatus", changed.from().name());
        fields.put("dryRun", batch.dryRun());
        fields.put("createdBy", batch.createdBy());
        fields.put("createdAt", text(batch.createdAt()));
        fields.put("endedAt", text(batch.endedAt()));
        fields.put("totalRows", batch.totalRows());
        fields.put("processedRows", batch.processedRows());
        fields.put("successCount", batch.successCount());
        fields.put("errorCount", batch.errorCount());
        fields.put("createdCount", batch.createdCount());
        fields.put("updatedCount", batch.updatedCount());
        fields.put("unknownCount", batch.unknownCount());
        fields.put("message", batch.message());
        BatchLinks links = BatchLinks.of(batch.id());
        String base = config.webhooks().baseUrl().map(url -> url.replaceAll("/+$", "")).orElse("");
        fields.put("links", Map.of("self", base + links.self(), "original", base + links.original(),
                "exceptions", base + links.exceptions(), "results", base + links.results()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.wireName());
        body.put("occurredAt", text(changed.at()));
        body.put("batch", fields);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
