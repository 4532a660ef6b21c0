package dev.intake.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/** Webhooks, their deliveries and every attempt, in PostgreSQL. */
@ApplicationScoped
public class WebhookStore {

    @Inject
    Jdbc jdbc;

    /** A delivery as the admin sees it. */
    public record Delivery(UUID id, UUID webhookId, UUID batchId, String event, String status, int attempts,
            Instant nextAttemptAt, Instant createdAt, Instant endedAt) {
    }

    /** One attempt at a delivery: the answer's status code, or the error when none came. */
    public record Attempt(int attempt, Instant at, Integer statusCode, String error, int millis) {
    }

    /** A delivery a sender claimed, with what it sends. */
    record Claimed(UUID id, String event, String body, int attempts, String url, String secret) {
    }

    public void insert(Webhook webhook) {
        jdbc.update("""
                insert into intake.webhook (id, organisation, url, events, secret, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """, webhook.id(), webhook.organisation(), webhook.url(), webhook.events().toArray(String[]::new),
                webhook.secret(), webhook.createdBy(), webhook.createdAt());
    }

    public List<Webhook> ofOrganisation(String organisation) {
        return jdbc.list("select * from intake.webhook where organisation = ? order by created_at, id", WebhookStore::webhook,
                organisation);
    }

    public Optional<Webhook> find(UUID id, String organisation) {
        return jdbc.first("select * from intake.webhook where id = ? and organisation = ?", WebhookStore::webhook, id,
                organisation);
    }

    public boolean delete(UUID id, String organisation) {
        return jdbc.update("delete from intake.webhook where id = ? and organisation = ?", id, organisation) == 1;
    }

    public boolean rotate(UUID id, String organisation, String secret) {
        return jdbc.update("update intake.webhook set secret = ? where id = ? and organisation = ?", secret, id,
                organisation) == 1;
    }

    /**
     * Queues a delivery of the event for each of the organisation's webhooks that asked for it, in the caller's
     * transaction; how many were queued.
     */
    int enqueue(String organisation, UUID batchId, WebhookEvent event, String body, Instant now) {
        return jdbc.update("""
                insert into intake.webhook_delivery (id, webhook_id, batch_id, event, body, status, next_attempt_at,
                                                     created_at)
                select gen_random_uuid(), id, ?, ?, ?, 'PENDING', ?, ?
                from intake.webhook where organisation = ? and ? = any (events)
                """, batchId, event.wireName(), body, now, now, organisation, event.wireName());
    }

    /** Claims up to {@code limit} deliveries that are due, for {@code owner} until {@code leaseUntil}. */
    List<Claimed> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        return jdbc.list("""
                update intake.webhook_delivery d set lease_owner = ?, lease_expires_at = ?
                from intake.webhook w
                where w.id = d.webhook_id and d.id in (
                    select id from intake.webhook_delivery
                    where status = 'PENDING' and next_attempt_at <= ? and (lease_expires_at is null or lease_expires_at < ?)
                    order by next_attempt_at limit ? for update skip locked)
                returning d.id, d.event, d.body, d.attempts, w.url, w.secret
                """, row -> new Claimed(Jdbc.uuid(row, "id"), row.getString("event"), row.getString("body"),
                row.getInt("attempts"), row.getString("url"), row.getString("secret")), owner, leaseUntil, now, now,
                limit);
    }

    /**
     * Records an attempt and what follows it: delivered, due again at {@code nextAttemptAt}, or failed for good when
     * that is null; only while {@code owner} still holds the delivery.
     */
    void recordAttempt(UUID delivery, String owner, Attempt attempt, boolean delivered, Instant nextAttemptAt) {
        jdbc.update("""
                with held as (
                    update intake.webhook_delivery
                    set attempts = ?, lease_owner = null, lease_expires_at = null,
                        status = case when ? then 'DELIVERED' when ?::timestamptz is null then 'FAILED' else 'PENDING' end,
                        next_attempt_at = coalesce(?::timestamptz, next_attempt_at),
                        ended_at = case when ? or ?::timestamptz is null then ?::timestamptz end
                    where id = ? and lease_owner = ?
                    returning id
                )
                insert into intake.webhook_attempt (delivery_id, attempt, at, status_code, error, millis)
                select id, ?, ?, ?::integer, ?::text, ? from held
                """, attempt.attempt(), delivered, nextAttemptAt, nextAttemptAt, delivered, nextAttemptAt, attempt.at(),
                delivery, owner, attempt.attempt(), attempt.at(), attempt.statusCode(), attempt.error(), attempt.millis());
    }

    /** A webhook's deliveries, newest first. */
    public List<Delivery> deliveries(UUID webhookId, int limit) {
        return jdbc.list("""
                select * from intake.webhook_delivery where webhook_id = ? order by created_at desc, id limit ?
                """, WebhookStore::delivery, webhookId, limit);
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return jdbc.list("select * from intake.webhook_attempt where delivery_id = ? order by attempt",
                row -> new Attempt(row.getInt("attempt"), Jdbc.instant(row, "at"), Jdbc.integer(row, "status_code"),
                        row.getString("error"), row.getInt("millis")), deliveryId);
    }

    /** Makes a delivery of the organisation due again now, whatever its status; false when there is none. */
    public boolean sendAgain(UUID deliveryId, String organisation, Instant now) {
        return jdbc.update("""
                update intake.webhook_delivery d set status = 'PENDING', next_attempt_at = ?, ended_at = null
                from intake.webhook w
                where d.id = ? and w.id = d.webhook_id and w.organisation = ?
                """, now, deliveryId, organisation) == 1;
    }

    private static Webhook webhook(ResultSet row) throws SQLException {
        Array events = row.getArray("events");
        return new Webhook(Jdbc.uuid(row, "id"), row.getString("organisation"), row.getString("url"),
                List.of((String[]) events.getArray()), row.getString("secret"), row.getString("created_by"),
                Jdbc.instant(row, "created_at"));
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        return new Delivery(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "webhook_id"), Jdbc.uuid(row, "batch_id"),
                row.getString("event"), row.getString("status"), row.getInt("attempts"),
                Jdbc.instant(row, "next_attempt_at"), Jdbc.instant(row, "created_at"), Jdbc.instant(row, "ended_at"));
    }
}
