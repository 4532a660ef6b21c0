package dev.intake.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.security.Caller;

/** An organisation's webhooks as its admins manage them. */
@ApplicationScoped
public class WebhookService {

    /** The shortest secret an admin may choose. */
    static final int LEAST_SECRET = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    WebhookStore store;

    @Inject
    WebhookSender sender;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** Registers a webhook; a secret is made when none is given. The answer is the only place it is shown. */
    public Webhook create(String url, List<String> events, String secret) {
        String checked = sender.addresses().check(url).toString();
        Set<String> named = new LinkedHashSet<>();
        for (String event : events == null || events.isEmpty() ? List.of(WebhookEvent.BATCH_ENDED.wireName()) : events) {
            named.add(WebhookEvent.of(event).map(WebhookEvent::wireName).orElseThrow(() -> new InvalidValueException(
                    "events", "Unknown webhook event '" + event + "'; expected one of " + WebhookEvent.names())));
        }
        Webhook webhook = new Webhook(UUID.randomUUID(), caller.organisation(), checked, List.copyOf(named),
                secret(secret), caller.user(), clock.instant());
        store.insert(webhook);
        return webhook;
    }

    public List<Webhook> all() {
        return store.ofOrganisation(caller.organisation());
    }

    public Webhook get(String id) {
        return store.find(uuid(id), caller.organisation()).orElseThrow(() -> notFound(id));
    }

    public void delete(String id) {
        if (!store.delete(uuid(id), caller.organisation())) {
            throw notFound(id);
        }
    }

    /** Gives the webhook a new secret (made when none is given); deliveries are signed with it from now on. */
    public Webhook rotate(String id, String secret) {
        String next = secret(secret);
        if (!store.rotate(uuid(id), caller.organisation(), next)) {
            throw notFound(id);
        }
        return get(id);
    }

    /** Sends a delivery again, at once, whatever became of it. */
    public void sendAgain(String deliveryId) {
        if (!store.sendAgain(uuid(deliveryId), caller.organisation(), clock.instant())) {
            throw new NotFoundException("deliveryId", "No webhook delivery of your organisation has the ID " + deliveryId);
        }
    }

    private static String secret(String given) {
        if (given == null || given.isBlank()) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        if (given.length() < LEAST_SECRET) {
            throw new InvalidValueException("secret", "A webhook secret has at least " + LEAST_SECRET
                    + " characters; leave it out and one is made");
        }
        return given;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("id", "No webhook of your organisation has the ID " + id);
    }
}
