package dev.intake.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import dev.intake.error.InvalidValueException;
import dev.intake.metrics.ImportMetrics;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due webhook deliveries, from any instance: each is claimed under a lease, posted with its signature, and its
 * attempt recorded. A 2xx answer delivers it; anything else (another status, a timeout, a refused connection, an
 * address that became private) is tried again after a wait that doubles, until {@code max-attempts}, then FAILED.
 * A delivery is sent at least once: an instance that dies after posting and before recording sends it again later,
 * with the same {@code Intake-Delivery} ID, by which a receiver recognises it.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final int BATCH = 20;
    private static final int ERROR_LENGTH = 500;

    @Inject
    WebhookStore store;

    @Inject
    IntakeConfig config;

    @Inject
    WorkerIdentity identity;

    @Inject
    ImportMetrics metrics;

    @Inject
    Clock clock;

    private volatile HttpClient client;

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.webhooks().scheduled()) {
            try {
                sendDue();
            } catch (RuntimeException e) {
                LOG.warnf("Webhook deliveries could not be sent now (%s); they are tried again", e.getMessage());
            }
        }
    }

    /** Sends the deliveries due now; how many were attempted. */
    public int sendDue() {
        int attempted = 0;
        List<WebhookStore.Claimed> due;
        do {
            Instant now = clock.instant();
            due = store.claimDue(identity.name(), now, now.plus(config.webhooks().timeout().multipliedBy(2)), BATCH);
            for (WebhookStore.Claimed delivery : due) {
                send(delivery);
                attempted++;
            }
        } while (due.size() == BATCH);
        return attempted;
    }

    private void send(WebhookStore.Claimed delivery) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            URI url = addresses().check(delivery.url());
            long timestamp = at.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(config.webhooks().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Intake-Webhooks")
                    .header("Intake-Delivery", delivery.id().toString())
                    .header("Intake-Event", delivery.event())
                    .header("Intake-Signature", WebhookSignature.header(delivery.secret(), timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
            HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 != 2) {
                error = "The receiver answered " + status;
            }
        } catch (InvalidValueException e) {
            error = e.getMessage();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted";
        }
        int millis = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
        boolean delivered = error == null;
        int attempt = delivery.attempts() + 1;
        Instant next = delivered || attempt >= config.webhooks().maxAttempts() ? null : at.plus(wait(attempt));
        store.recordAttempt(delivery.id(), identity.name(), new WebhookStore.Attempt(attempt, at, status,
                error == null ? null : shortened(error), millis), delivered, next);
        metrics.webhookDelivery(delivered ? "delivered" : next == null ? "failed" : "retry");
    }

    /** The wait after the given attempt: the first retry's, doubled for each attempt since, at most the longest. */
    private Duration wait(int attempt) {
        Duration wait = config.webhooks().firstRetry();
        for (int i = 1; i < attempt && wait.compareTo(config.webhooks().longestRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.webhooks().longestRetry()) > 0 ? config.webhooks().longestRetry() : wait;
    }

    WebhookAddresses addresses() {
        return new WebhookAddresses(config.webhooks().allowedPrivateHosts().orElse(Set.of()));
    }

    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(config.webhooks().timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    private static String shortened(String text) {
        return text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH) + "…";
    }
}
