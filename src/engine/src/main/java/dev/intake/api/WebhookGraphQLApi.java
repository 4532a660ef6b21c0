package dev.intake.api;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.webhook.Webhook;
import dev.intake.webhook.WebhookService;
import dev.intake.webhook.WebhookStore;

/** The organisation's webhooks on {@code /graphql}, for import admins: register, rotate, remove, and their deliveries. */
@GraphQLApi
public class WebhookGraphQLApi {

    @Inject
    WebhookService webhooks;

    @Inject
    WebhookStore store;

    @Inject
    Caller caller;

    @Type("IntakeWebhook")
    @Description("A URL told of the organisation's batches' changes, each delivery signed with its secret")
    public record WebhookView(@Id @NonNull String id, @NonNull String url,
            @NonNull @Description("batch.ended, batch.status-changed") List<@NonNull String> events,
            @NonNull String createdBy, @NonNull Instant createdAt) {

        static WebhookView of(Webhook webhook) {
            return new WebhookView(webhook.id().toString(), webhook.url(), webhook.events(), webhook.createdBy(),
                    webhook.createdAt());
        }
    }

    @Type("IntakeWebhookWithSecret")
    @Description("A webhook just registered or given a new secret, with the secret: it is shown this once")
    public record WebhookWithSecret(@NonNull WebhookView webhook,
            @NonNull @Description("Deliveries carry Intake-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "
                    + "'<t>.<body>' under this secret>") String secret) {
    }

    @Type("IntakeWebhookDelivery")
    @Description("One event sent, or to be sent, to a webhook, with its attempts")
    public record DeliveryView(@Id @NonNull String id, @NonNull String batchId, @NonNull String event,
            @NonNull @Description("PENDING, DELIVERED or FAILED") String status, int attempts,
            @Description("When it is tried next, while PENDING") Instant nextAttemptAt, @NonNull Instant createdAt,
            Instant endedAt, @NonNull List<@NonNull AttemptView> attemptsMade) {
    }

    @Type("IntakeWebhookAttempt")
    @Description("One attempt at a delivery: the receiver's status code, or the error when it did not answer")
    public record AttemptView(int attempt, @NonNull Instant at, Integer statusCode, String error, int millis) {
    }

    @Query
    @NonNull
    @Description("The organisation's webhooks")
    public List<@NonNull WebhookView> webhooks() {
        caller.require(Roles.IMPORT_ADMIN);
        return webhooks.all().stream().map(WebhookView::of).toList();
    }

    @Mutation
    @NonNull
    @Description("Register a webhook for the organisation: told of batch.ended (the default) and, when asked, "
            + "batch.status-changed. Without a secret one is made; either way the answer shows it once")
    public WebhookWithSecret createWebhook(@NonNull String url,
            @DefaultValue("[\"batch.ended\"]") List<String> events, String secret) {
        caller.require(Roles.IMPORT_ADMIN);
        Webhook webhook = webhooks.create(url, events, secret);
        return new WebhookWithSecret(WebhookView.of(webhook), webhook.secret());
    }

    @Mutation
    @NonNull
    @Description("Give a webhook a new secret (one is made when none is given); deliveries are signed with it from now")
    public WebhookWithSecret rotateWebhookSecret(@NonNull @Id String id, String secret) {
        caller.require(Roles.IMPORT_ADMIN);
        Webhook webhook = webhooks.rotate(id, secret);
        return new WebhookWithSecret(WebhookView.of(webhook), webhook.secret());
    }

    @Mutation
    @Description("Remove a webhook and its deliveries")
    public boolean deleteWebhook(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        webhooks.delete(id);
        return true;
    }

    @Mutation
    @Description("Send a delivery again now, whatever became of it")
    public boolean sendWebhookDeliveryAgain(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        webhooks.sendAgain(id);
        return true;
    }

    @NonNull
    @Description("The webhook's deliveries, newest first")
    public List<@NonNull DeliveryView> deliveries(@Source WebhookView webhook, @DefaultValue("20") int first) {
        caller.require(Roles.IMPORT_ADMIN);
        webhooks.get(webhook.id());
        return store.deliveries(java.util.UUID.fromString(webhook.id()), Math.max(1, Math.min(first, 100))).stream()
                .map(delivery -> new DeliveryView(delivery.id().toString(), delivery.batchId().toString(),
                        delivery.event(), delivery.status(), delivery.attempts(), delivery.nextAttemptAt(),
                        delivery.createdAt(), delivery.endedAt(), store.attempts(delivery.id()).stream()
                                .map(attempt -> new AttemptView(attempt.attempt(), attempt.at(), attempt.statusCode(),
                                        attempt.error(), attempt.millis()))
                                .toList()))
                .toList();
    }
}
