package dev.intake.mail;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.mail.EmailGraphQLApi.MessageView;
import dev.intake.mail.EmailGraphQLApi.RetiredAddress;
import dev.intake.mail.EmailGraphQLApi.RuleInput;
import dev.intake.mail.EmailGraphQLApi.RuleView;
import dev.intake.mail.EmailGraphQLApi.SettingsInput;
import dev.intake.mail.EmailGraphQLApi.SettingsView;
import dev.intake.mapping.MappingStore;
import dev.intake.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * An organisation's Email Import Settings, read and changed the same way from GraphQL and from the console: its secret
 * address and its rotation, the senders it accepts, the rules that choose a template, replies, and the mail read
 * lately. The callers have checked that the user is an import admin of the organisation.
 */
@ApplicationScoped
public class EmailSettings {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The most messages one request lists. */
    static final int MESSAGES_AT_MOST = 500;

    @Inject
    MailStore store;

    @Inject
    EmailConfig config;

    @Inject
    TemplateCatalog templates;

    @Inject
    MappingStore mappings;

    @Inject
    Clock clock;

    public SettingsView view(String organisation) {
        MailStore.Settings settings = store.settings(organisation);
        List<MailStore.Address> addresses = store.addresses(organisation);
        Instant now = clock.instant();
        String current = addresses.stream().filter(address -> address.retiredAt() == null).findFirst()
                .map(address -> address(address.token())).orElse(null);
        List<RetiredAddress> previous = addresses.stream().filter(address -> address.retiredAt() != null
                && address.retiredAt().plus(config.tokenGracePeriod()).isAfter(now))
                .map(address -> new RetiredAddress(address(address.token()),
                        address.retiredAt().plus(config.tokenGracePeriod())))
                .toList();
        return new SettingsView(config.enabled(), current, previous, settings.allowedSenders(),
                settings.requireAuthentication(), settings.replies(), settings.replyTo(),
                store.rules(organisation).stream().map(rule -> RuleView.of(rule, RuleAdmin.refusal(rule,
                        store.rolesSeen(organisation, rule.savedBy())))).toList());
    }

    public void update(String organisation, String user, SettingsInput input) {
        for (String sender : input.allowedSenders()) {
            if (!sender.strip().matches("(?i)([^@\\s]+)?@[a-z0-9.-]+\\.[a-z]{2,}")) {
                throw new InvalidValueException("input/allowedSenders", "'" + sender + "' is neither an address nor"
                        + " an @domain pattern");
            }
        }
        String replyTo = input.replyTo() == null || input.replyTo().isBlank() ? null : input.replyTo().strip();
        if (replyTo != null && !replyTo.matches("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}")) {
            throw new InvalidValueException("input/replyTo", "'" + replyTo + "' is not an email address");
        }
        QuarkusTransaction.requiringNew().run(() -> store.saveSettings(new MailStore.Settings(organisation,
                input.allowedSenders().stream().map(String::strip).toList(), input.requireAuthentication(),
                input.replies(), replyTo), user, clock.instant()));
    }

    /** Gives the organisation a new secret address; the old one keeps working for the grace period. */
    public void rotate(String organisation) {
        byte[] bits = new byte[20];
        RANDOM.nextBytes(bits);
        String token = HexFormat.of().formatHex(bits);
        QuarkusTransaction.requiringNew().run(() -> store.rotate(organisation, token, clock.instant()));
    }

    /** Adds or changes a rule; the attachments it chooses run as this user, with these roles. */
    public void saveRule(String organisation, String user, Set<String> roles, RuleInput input) {
        if (templates.byName(input.template(), organisation).isEmpty()) {
            throw new InvalidValueException("input/template", "There is no template named '" + input.template() + "'");
        }
        if (blank(input.filenamePattern()) && blank(input.subjectPattern())) {
            throw new InvalidValueException("input/filenamePattern", "Give a file name pattern, a subject pattern or"
                    + " both");
        }
        UUID id = input.id() == null || input.id().isBlank() ? UUID.randomUUID() : uuid(input.id());
        UUID mappingBatch = blank(input.mappingFrom()) ? null : batchId(input.mappingFrom().strip());
        String signature = mappingBatch == null ? null : mappings.savedSignature(organisation, input.template(),
                mappingBatch).orElseThrow(() -> new InvalidValueException("input/mappingFrom", "Batch "
                        + input.mappingFrom().strip() + " saved no column mapping of " + input.template() + ": map a"
                        + " file on the console, tick 'Save this mapping', and give that batch's ID"));
        QuarkusTransaction.requiringNew().run(() -> store.saveRule(new MailStore.Rule(id, organisation,
                input.position(), blank(input.filenamePattern()) ? null : input.filenamePattern().strip(),
                blank(input.subjectPattern()) ? null : input.subjectPattern().strip(), input.template(),
                input.dryRun(), user, List.copyOf(roles), clock.instant(), mappingBatch, signature)));
    }

    public void deleteRule(String organisation, String id) {
        if (!QuarkusTransaction.requiringNew().call(() -> store.deleteRule(uuid(id), organisation))) {
            throw new NotFoundException("id", "No rule has the ID " + id);
        }
    }

    /** The mail read lately, newest first. */
    public List<MessageView> messages(String organisation, int first) {
        return store.messages(organisation, Math.max(0, Math.min(first, MESSAGES_AT_MOST))).stream()
                .map(MessageView::of).toList();
    }

    private String address(String token) {
        return config.localPart() + "+" + token + "@" + config.domain();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static UUID batchId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("input/mappingFrom", "'" + id + "' is not a batch ID");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "No rule has the ID " + id);
        }
    }
}
