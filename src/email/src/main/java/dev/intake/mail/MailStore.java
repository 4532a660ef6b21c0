package dev.intake.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/** Email intake's state: each organisation's settings, addresses and rules, and every message read. */
@ApplicationScoped
public class MailStore {

    @Inject
    Jdbc jdbc;

    /** An organisation's settings. */
    public record Settings(String organisation, List<String> allowedSenders, boolean requireAuthentication,
            boolean replies, String replyTo) {

        public Settings {
            allowedSenders = List.copyOf(allowedSenders);
        }

        static Settings none(String organisation) {
            return new Settings(organisation, List.of(), false, true, null);
        }
    }

    /**
     * A rule that chooses the template of an attachment, and whom its rows run as.
     *
     * @param mappingBatch the batch whose saved mapping the rule pins, or null
     * @param mappingSignature the set of headers of that mapping, which an attachment must have; null without one
     */
    public record Rule(UUID id, String organisation, int position, String filenamePattern, String subjectPattern,
            String template, boolean dryRun, String savedBy, List<String> savedByRoles, Instant savedAt,
            UUID mappingBatch, String mappingSignature) {

        public Rule {
            savedByRoles = List.copyOf(savedByRoles);
        }
    }

    /** The roles a user's token showed last in an organisation, and when. */
    public record SeenRoles(Set<String> roles, Instant seenAt) {

        public SeenRoles {
            roles = Set.copyOf(roles);
        }
    }

    /** An inbound address: its token, and when a rotation retired it, if it did. */
    public record Address(String token, String organisation, Instant createdAt, Instant retiredAt) {
    }

    /** A message read from the mailbox, and what became of it. */
    public record Message(UUID id, String organisation, String messageId, String sender, String recipient,
            String subject, Instant receivedAt, String status, String reason, boolean answerable, List<UUID> batches,
            Instant repliedAt, Instant recordedAt) {

        public Message {
            batches = List.copyOf(batches);
        }
    }

    public Settings settings(String organisation) {
        return jdbc.first("select * from intake.email_settings where organisation = ?", row -> new Settings(
                organisation, List.of((String[]) row.getArray("allowed_senders").getArray()),
                row.getBoolean("require_authentication"), row.getBoolean("replies"), row.getString("reply_to")),
                organisation).orElse(Settings.none(organisation));
    }

    public void saveSettings(Settings settings, String by, Instant at) {
        jdbc.update("""
                insert into intake.email_settings (organisation, allowed_senders, require_authentication, replies,
                    reply_to, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (organisation) do update set allowed_senders = excluded.allowed_senders,
                    require_authentication = excluded.require_authentication, replies = excluded.replies,
                    reply_to = excluded.reply_to, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """, settings.organisation(), settings.allowedSenders().toArray(String[]::new),
                settings.requireAuthentication(), settings.replies(), settings.replyTo(), by, at);
    }

    /** The organisation's addresses, newest first. */
    public List<Address> addresses(String organisation) {
        return jdbc.list("select * from intake.email_address where organisation = ? order by created_at desc",
                MailStore::address, organisation);
    }

    public Optional<Address> address(String token) {
        return jdbc.first("select * from intake.email_address where token = ?", MailStore::address, token);
    }

    /** Retires the organisation's current addresses and adds a new one, in the caller's transaction. */
    public void rotate(String organisation, String token, Instant at) {
        jdbc.update("update intake.email_address set retired_at = ? where organisation = ? and retired_at is null", at,
                organisation);
        jdbc.update("insert into intake.email_address (token, organisation, created_at) values (?, ?, ?)", token,
                organisation, at);
    }

    public List<Rule> rules(String organisation) {
        return jdbc.list("select * from intake.email_rule where organisation = ? order by position, saved_at",
                MailStore::rule, organisation);
    }

    public void saveRule(Rule rule) {
        jdbc.update("""
                insert into intake.email_rule (id, organisation, position, filename_pattern, subject_pattern, template,
                    dry_run, saved_by, saved_by_roles, saved_at, mapping_batch, mapping_signature)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set position = excluded.position,
                    filename_pattern = excluded.filename_pattern, subject_pattern = excluded.subject_pattern,
                    template = excluded.template, dry_run = excluded.dry_run, saved_by = excluded.saved_by,
                    saved_by_roles = excluded.saved_by_roles, saved_at = excluded.saved_at,
                    mapping_batch = excluded.mapping_batch, mapping_signature = excluded.mapping_signature
                where intake.email_rule.organisation = excluded.organisation
                """, rule.id(), rule.organisation(), rule.position(), rule.filenamePattern(), rule.subjectPattern(),
                rule.template(), rule.dryRun(), rule.savedBy(), rule.savedByRoles().toArray(String[]::new),
                rule.savedAt(), rule.mappingBatch(), rule.mappingSignature());
    }

    public boolean deleteRule(UUID id, String organisation) {
        return jdbc.update("delete from intake.email_rule where id = ? and organisation = ?", id, organisation) == 1;
    }

    /** Records the roles a user's token showed, unless a later sighting is already recorded. */
    public void sawRoles(String organisation, String user, Set<String> roles, Instant at) {
        jdbc.update("""
                insert into intake.email_admin_roles (organisation, user_name, roles, seen_at) values (?, ?, ?, ?)
                on conflict (organisation, user_name) do update set roles = excluded.roles, seen_at = excluded.seen_at
                where intake.email_admin_roles.seen_at < excluded.seen_at
                """, organisation, user, roles.toArray(String[]::new), at);
    }

    /** The roles the user's token showed last in the organisation; empty when no token of theirs was seen. */
    public Optional<SeenRoles> rolesSeen(String organisation, String user) {
        return jdbc.first("select roles, seen_at from intake.email_admin_roles where organisation = ? and user_name = ?",
                row -> new SeenRoles(Set.of((String[]) row.getArray("roles").getArray()), Jdbc.instant(row, "seen_at")),
                organisation, user);
    }

    /** What became of a message already read: found by its place in the mailbox or by its content. */
    public Optional<Message> known(long uidValidity, long uid, String sha256) {
        return jdbc.first("""
                select * from intake.email_message where (uid_validity = ? and uid = ?) or sha256 = ?
                """, MailStore::message, uidValidity, uid, sha256);
    }

    /** Records a message and what became of it; in the caller's transaction, with its batches when it has any. */
    public void record(UUID id, long uidValidity, long uid, String sha256, Message message) {
        jdbc.update("""
                insert into intake.email_message (id, uid_validity, uid, sha256, organisation, message_id, sender,
                    recipient, subject, received_at, status, reason, answerable, batches, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, uidValidity, uid, sha256, message.organisation(), message.messageId(), message.sender(),
                message.recipient(), message.subject(), message.receivedAt(), message.status(), message.reason(),
                message.answerable(), message.batches().toArray(UUID[]::new), message.recordedAt());
    }

    /** The organisation's messages, newest first. */
    public List<Message> messages(String organisation, int limit) {
        return jdbc.list("""
                select * from intake.email_message where organisation = ? order by recorded_at desc limit ?
                """, MailStore::message, organisation, limit);
    }

    /** The accepted message a batch came in. */
    public Optional<Message> messageOf(UUID batch) {
        return jdbc.first("select * from intake.email_message where batches @> array[?::uuid]", MailStore::message, batch);
    }

    /** Claims the reply of a message: true once, for the caller that marked it. */
    public boolean claimReply(UUID message, Instant at) {
        return jdbc.update("update intake.email_message set replied_at = ? where id = ? and replied_at is null", at,
                message) == 1;
    }

    private static Address address(ResultSet row) throws SQLException {
        return new Address(row.getString("token"), row.getString("organisation"), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "retired_at"));
    }

    private static Rule rule(ResultSet row) throws SQLException {
        return new Rule(Jdbc.uuid(row, "id"), row.getString("organisation"), row.getInt("position"),
                row.getString("filename_pattern"), row.getString("subject_pattern"), row.getString("template"),
                row.getBoolean("dry_run"), row.getString("saved_by"),
                List.of((String[]) row.getArray("saved_by_roles").getArray()), Jdbc.instant(row, "saved_at"),
                Jdbc.uuid(row, "mapping_batch"), row.getString("mapping_signature"));
    }

    private static Message message(ResultSet row) throws SQLException {
        Object[] ids = (Object[]) row.getArray("batches").getArray();
        return new Message(Jdbc.uuid(row, "id"), row.getString("organisation"), row.getString("message_id"),
                row.getString("sender"), row.getString("recipient"), row.getString("subject"),
                Jdbc.instant(row, "received_at"), row.getString("status"), row.getString("reason"),
                row.getBoolean("answerable"), java.util.Arrays.stream(ids).map(UUID.class::cast).toList(),
                Jdbc.instant(row, "replied_at"), Jdbc.instant(row, "recorded_at"));
    }
}
