package dev.intake.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.batch.BatchSource;
import dev.intake.batch.DuplicateActiveBatchException;
import dev.intake.db.StoreException;
import dev.intake.file.ReadRequest;
import dev.intake.security.Uploader;
import dev.intake.upload.FileIntake;
import dev.intake.upload.RejectedUploadException;
import dev.intake.upload.UploadTooLargeException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Decides what becomes of one message read from the mailbox, and records it before anything is acted on. An accepted
 * message's attachments become batches, stored in the transaction that records the message, so that a message is
 * imported once whatever dies on the way and however many instances read the mailbox; a refused one is recorded with
 * the reason.
 */
@ApplicationScoped
public class MailIntake {

    private static final Logger LOG = Logger.getLogger(MailIntake.class);

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    @Inject
    MailStore store;

    @Inject
    FileIntake intake;

    @Inject
    EmailConfig config;

    @Inject
    MailReplies replies;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** What became of a message: its status, whether it was recorded just now. */
    public record Outcome(String status, boolean recordedNow) {
    }

    /** A decision on a message before anything is stored. */
    private record Decision(String organisation, String recipient, String reason, boolean answerable,
            MailStore.Settings settings, List<Map.Entry<InboundMail.Attachment, MailStore.Rule>> files) {
    }

    public Outcome handle(long uidValidity, long uid, byte[] raw, Instant received) {
        String sha256 = sha256(raw);
        Optional<Outcome> known = known(uidValidity, uid, sha256);
        if (known.isPresent()) {
            return known.get();
        }
        InboundMail mail;
        try {
            mail = InboundMail.parse(raw, received);
        } catch (IOException e) {
            return reject(uidValidity, uid, sha256, null, new Decision(null, null, "the message could not be read: "
                    + e.getMessage(), false, null, List.of()), received);
        }
        Decision decision = decide(mail);
        if (decision.reason() != null) {
            return reject(uidValidity, uid, sha256, mail, decision, received);
        }
        return accept(uidValidity, uid, sha256, mail, decision, received);
    }

    /**
     * Refuses a message over {@code intake.email.max-message-size} from its headers alone: who sent it and to which
     * address decide, as for any message, whether the refusal is the organisation's and whether it is answered.
     */
    public Outcome handleTooLarge(long uidValidity, long uid, byte[] headers, long size, Instant received) {
        String key = sha256(("too large\n" + uidValidity + "\n" + uid).getBytes(StandardCharsets.UTF_8));
        Optional<Outcome> known = known(uidValidity, uid, key);
        if (known.isPresent()) {
            return known.get();
        }
        InboundMail mail;
        try {
            mail = InboundMail.parseHeader(headers, received);
        } catch (IOException e) {
            mail = null;
        }
        String tooLarge = "message too large: it has " + size + " bytes; the limit is "
                + config.maxMessageSize().asLongValue() + " bytes (intake.email.max-message-size). Send fewer or"
                + " smaller attachments, or compress them into an .xlsx";
        Decision screened = mail == null ? null : screen(mail);
        Decision decision = screened == null ? refusal(null, null, tooLarge, false, null)
                : screened.reason() != null ? screened
                        : refusal(screened.organisation(), screened.recipient(), tooLarge, true, screened.settings());
        return reject(uidValidity, uid, key, mail, decision, received);
    }

    /** The checks of address, sender and authentication; a decision without files when they pass. */
    private Decision screen(InboundMail mail) {
        Map.Entry<String, String> addressed = addressed(mail.recipients());
        if (addressed == null) {
            return refusal(null, null, "unknown address: no recipient is " + config.localPart() + "+<token>@"
                    + config.domain(), false, null);
        }
        Optional<MailStore.Address> address = store.address(addressed.getValue());
        Instant now = clock.instant();
        if (address.isEmpty() || (address.get().retiredAt() != null
                && address.get().retiredAt().plus(config.tokenGracePeriod()).isBefore(now))) {
            return refusal(address.map(MailStore.Address::organisation).orElse(null), addressed.getKey(),
                    address.isEmpty() ? "unknown token in " + addressed.getKey()
                            : "rotated token: " + addressed.getKey() + " was replaced and its grace period has ended",
                    false, null);
        }
        String organisation = address.get().organisation();
        MailStore.Settings settings = store.settings(organisation);
        if (!SenderRules.allowed(mail.sender(), settings.allowedSenders())) {
            return refusal(organisation, addressed.getKey(), "sender not allowed: " + mail.sender(), false, settings);
        }
        if (settings.requireAuthentication() && !AuthenticationResults.passes(mail.authenticationResults(),
                config.trustedAuthservId().orElse(null), SenderRules.domainOf(mail.sender()))) {
            return refusal(organisation, addressed.getKey(), "authentication required but missing: no"
                    + " Authentication-Results header of " + config.trustedAuthservId().orElse("the receiving server")
                    + " shows DMARC pass, or SPF or DKIM pass for " + SenderRules.domainOf(mail.sender()), false,
                    settings);
        }
        return new Decision(organisation, addressed.getKey(), null, true, settings, List.of());
    }

    private Decision decide(InboundMail mail) {
        Decision screened = screen(mail);
        if (screened.reason() != null) {
            return screened;
        }
        String organisation = screened.organisation();
        String recipient = screened.recipient();
        MailStore.Settings settings = screened.settings();
        if (mail.attachments().isEmpty()) {
            return refusal(organisation, recipient, "no attachment: attach CSV, Excel (.xlsx) or NDJSON"
                    + " files", true, settings);
        }
        List<MailStore.Rule> rules = store.rules(organisation);
        List<Map.Entry<InboundMail.Attachment, MailStore.Rule>> files = new ArrayList<>();
        for (InboundMail.Attachment attachment : mail.attachments()) {
            Optional<MailStore.Rule> rule = RuleMatch.first(rules, attachment.filename(), mail.subject());
            if (rule.isEmpty()) {
                return refusal(organisation, recipient, "no rule matches " + attachment.filename()
                        + " with the subject '" + mail.subject() + "'", true, settings);
            }
            Optional<String> lostRole = RuleAdmin.refusal(rule.get(), store.rolesSeen(organisation,
                    rule.get().savedBy()));
            if (lostRole.isPresent()) {
                return refusal(organisation, recipient, "rule refused: " + attachment.filename() + ": "
                        + lostRole.get(), true, settings);
            }
            files.add(Map.entry(attachment, rule.get()));
        }
        return new Decision(organisation, recipient, null, true, settings, files);
    }

    private static Decision refusal(String organisation, String recipient, String reason, boolean answerable,
            MailStore.Settings settings) {
        return new Decision(organisation, recipient, reason, answerable, settings, List.of());
    }

    /** The recipient that is an inbound address, and its token; null when none is. */
    private Map.Entry<String, String> addressed(List<String> recipients) {
        String prefix = config.localPart().toLowerCase(Locale.ROOT) + "+";
        String domain = "@" + config.domain().toLowerCase(Locale.ROOT);
        for (String recipient : recipients) {
            String address = recipient.strip();
            String lower = address.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix) && lower.endsWith(domain)) {
                String token = address.substring(prefix.length(), address.length() - domain.length());
                if (!token.isBlank()) {
                    return Map.entry(address, token);
                }
            }
        }
        return null;
    }

    private Outcome accept(long uidValidity, long uid, String sha256, InboundMail mail, Decision decision,
            Instant received) {
        List<Path> temporary = new ArrayList<>();
        try {
            List<FileIntake.Prepared> prepared = new ArrayList<>();
            for (Map.Entry<InboundMail.Attachment, MailStore.Rule> chosen : decision.files()) {
                InboundMail.Attachment attachment = chosen.getKey();
                MailStore.Rule rule = chosen.getValue();
                Path path = Files.createTempFile("intake-mail", ".attachment");
                temporary.add(path);
                Files.write(path, attachment.bytes());
                try {
                    FileIntake.Prepared file = intake.prepare(new FileIntake.Submission(rule.template(),
                            attachment.filename(), path, BatchSource.EMAIL, emailRecord(mail, decision.recipient(),
                                    received, attachment.filename()),
                            new Uploader(rule.savedBy(), rule.savedByRoles(), decision.organisation()), null,
                            rule.dryRun(), false, ReadRequest.NONE, null));
                    if (rule.mappingSignature() != null) {
                        PinnedMapping.check(rule, intake.header(file));
                    }
                    prepared.add(file);
                } catch (RejectedUploadException | UploadTooLargeException | DuplicateActiveBatchException e) {
                    return reject(uidValidity, uid, sha256, mail, new Decision(decision.organisation(),
                            decision.recipient(), "attachment refused: " + attachment.filename() + ": "
                                    + e.getMessage(), true, decision.settings(), List.of()), received);
                }
            }
            MailStore.Message message = message(mail, decision, ACCEPTED, null, received,
                    prepared.stream().map(file -> file.batch().id()).toList());
            try {
                intake.storeAll(prepared, () -> store.record(UUID.randomUUID(), uidValidity, uid, sha256, message),
                        () -> {
                        });
            } catch (StoreException e) {
                return alreadyRecorded(uidValidity, uid, sha256, e);
            }
            LOG.infof("Mail %s from %s: %d attachments imported for %s", mail.messageId(), mail.sender(),
                    prepared.size(), decision.organisation());
            return new Outcome(ACCEPTED, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            temporary.forEach(MailIntake::deleteQuietly);
        }
    }

    private Outcome reject(long uidValidity, long uid, String sha256, InboundMail mail, Decision decision,
            Instant received) {
        MailStore.Message message = message(mail, decision, REJECTED, decision.reason(), received, List.of());
        UUID id = UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> store.record(id, uidValidity, uid, sha256, message));
        } catch (StoreException e) {
            return alreadyRecorded(uidValidity, uid, sha256, e);
        }
        LOG.infof("Mail %s from %s refused: %s", mail == null ? "?" : mail.messageId(),
                mail == null ? "?" : mail.sender(), decision.reason());
        if (mail != null && decision.answerable() && decision.settings() != null && decision.settings().replies()) {
            replies.refused(id, mail, decision.settings(), decision.reason());
        }
        return new Outcome(REJECTED, true);
    }

    /** Another instance recorded the same message first: what it decided stands. */
    private Outcome alreadyRecorded(long uidValidity, long uid, String sha256, StoreException e) {
        return known(uidValidity, uid, sha256).orElseThrow(() -> e);
    }

    /** What was decided for a message read before, found by its place in the mailbox or its key. */
    private Optional<Outcome> known(long uidValidity, long uid, String key) {
        return store.known(uidValidity, uid, key).map(message -> new Outcome(message.status(), false));
    }

    private MailStore.Message message(InboundMail mail, Decision decision, String status, String reason,
            Instant received, List<UUID> batches) {
        return new MailStore.Message(null, decision.organisation(), mail == null ? null : mail.messageId(),
                mail == null ? null : mail.sender(), decision.recipient(), mail == null ? null : mail.subject(),
                received, status, reason, decision.answerable(), batches, null, clock.instant());
    }

    private String emailRecord(InboundMail mail, String recipient, Instant received, String attachment) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sender", mail.sender());
        record.put("recipient", recipient);
        record.put("subject", mail.subject());
        record.put("messageId", mail.messageId());
        record.put("receivedAt", received.toString());
        record.put("attachment", attachment);
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete the temporary file %s", file);
        }
    }
}
