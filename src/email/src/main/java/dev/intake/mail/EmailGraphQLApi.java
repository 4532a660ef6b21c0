package dev.intake.mail;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.template.ImportAction;
import dev.intake.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Email Import Settings on {@code /graphql}, for the organisation's admins: its secret address and its rotation, the
 * senders it accepts, whether they must be authenticated, the rules that choose a template, replies, and the mail
 * read lately with what became of it.
 */
@GraphQLApi
public class EmailGraphQLApi {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Caller caller;

    @Inject
    MailStore store;

    @Inject
    EmailConfig config;

    @Inject
    TemplateCatalog templates;

    @Inject
    Clock clock;

    @Type("IntakeEmailImportSettings")
    @Description("How the organisation imports files sent by email")
    public record SettingsView(
            @Description("Whether this server reads a mailbox; without one, nothing sent arrives") boolean enabled,
            @Description("The secret address to send files to; null until rotateEmailImportAddress makes the first")
            String address,
            @NonNull @Description("Replaced addresses that still work, until their grace period ends")
            List<@NonNull RetiredAddress> previousAddresses,
            @NonNull @Description("Addresses, or @domain patterns, allowed to send; an empty list refuses all mail")
            List<@NonNull String> allowedSenders,
            @Description("Whether mail must show DMARC pass (or SPF or DKIM pass aligned with From) in the receiving"
                    + " server's Authentication-Results header") boolean requireAuthentication,
            @Description("Whether Intake replies with the outcome") boolean replies,
            @Description("Where replies go; null for the sender") String replyTo,
            @NonNull @Description("The rules that choose each attachment's template, in order") List<@NonNull RuleView> rules) {
    }

    @Type("IntakeRetiredEmailAddress")
    public record RetiredAddress(@NonNull String address, @NonNull Instant validUntil) {
    }

    @Type("IntakeEmailImportRule")
    @Description("Which template an attachment is imported with, and whom its rows run as")
    public record RuleView(@Id @NonNull String id, int position,
            @Description("A glob on the attachment's name, such as orders-*.csv") String filenamePattern,
            @Description("Text the subject contains, any case") String subjectPattern, @NonNull String template,
            boolean dryRun,
            @NonNull @Description("The admin whose identity and roles (at saving) the rows run with") String savedBy,
            @NonNull Instant savedAt,
            @Description("Why the rule refuses mail now, such as its admin having lost the import role; null while"
                    + " it accepts") String refusal) {

        static RuleView of(MailStore.Rule rule, Optional<String> refusal) {
            return new RuleView(rule.id().toString(), rule.position(), rule.filenamePattern(), rule.subjectPattern(),
                    rule.template(), rule.dryRun(), rule.savedBy(), rule.savedAt(), refusal.orElse(null));
        }
    }

    @Input("IntakeEmailImportSettingsInput")
    public record SettingsInput(@NonNull List<@NonNull String> allowedSenders, boolean requireAuthentication,
            @DefaultValue("true") boolean replies, String replyTo) {
    }

    @Input("IntakeEmailImportRuleInput")
    public record RuleInput(@Id @Description("The rule to change; left out, a new rule") String id, int position,
            String filenamePattern, String subjectPattern, @NonNull String template, boolean dryRun) {
    }

    @Type("IntakeEmailMessage")
    @Description("A message read from the mailbox, and what became of it")
    public record MessageView(@Id @NonNull String id, String messageId, String sender, String recipient,
            String subject, Instant receivedAt, @NonNull @Description("ACCEPTED or REJECTED") String status,
            @Description("Why it was refused") String reason, @NonNull @Description("The IDs of its batches") List<@NonNull String> batches,
            Instant repliedAt) {

        static MessageView of(MailStore.Message message) {
            return new MessageView(message.id().toString(), message.messageId(), message.sender(),
                    message.recipient(), message.subject(), message.receivedAt(), message.status(), message.reason(),
                    message.batches().stream().map(UUID::toString).toList(), message.repliedAt());
        }
    }

    @Query
    @Description("The organisation's Email Import Settings; admins only")
    public @NonNull SettingsView emailImportSettings() {
        caller.require(Roles.IMPORT_ADMIN);
        return view();
    }

    @Mutation
    @ImportAction(importable = false)
    @Description("Change who may send files and how replies go")
    public @NonNull SettingsView updateEmailImportSettings(@NonNull SettingsInput input) {
        caller.require(Roles.IMPORT_ADMIN);
        for (String sender : input.allowedSenders()) {
            if (!sender.strip().matches("(?i)([^@\\s]+)?@[a-z0-9.-]+\\.[a-z]{2,}")) {
                throw new InvalidValueException("input/allowedSenders", "'" + sender + "' is neither an address nor"
                        + " an @domain pattern");
            }
        }
        QuarkusTransaction.requiringNew().run(() -> store.saveSettings(new MailStore.Settings(caller.organisation(),
                input.allowedSenders().stream().map(String::strip).toList(), input.requireAuthentication(),
                input.replies(), input.replyTo()), caller.user(), clock.instant()));
        return view();
    }

    @Mutation
    @Description("Give the organisation a new secret address; the old one keeps working for the grace period")
    public @NonNull SettingsView rotateEmailImportAddress() {
        caller.require(Roles.IMPORT_ADMIN);
        byte[] bits = new byte[20];
        RANDOM.nextBytes(bits);
        String token = HexFormat.of().formatHex(bits);
        QuarkusTransaction.requiringNew().run(() -> store.rotate(caller.organisation(), token, clock.instant()));
        return view();
    }

    @Mutation
    @ImportAction(importable = false)
    @Description("Add or change a rule; the attachments it chooses run as you, with the roles you have now")
    public @NonNull SettingsView saveEmailImportRule(@NonNull RuleInput input) {
        caller.require(Roles.IMPORT_ADMIN);
        if (templates.byName(input.template()).isEmpty()) {
            throw new InvalidValueException("input/template", "There is no template named '" + input.template() + "'");
        }
        if ((input.filenamePattern() == null || input.filenamePattern().isBlank())
                && (input.subjectPattern() == null || input.subjectPattern().isBlank())) {
            throw new InvalidValueException("input/filenamePattern", "Give a file name pattern, a subject pattern or"
                    + " both");
        }
        UUID id = input.id() == null ? UUID.randomUUID() : uuid(input.id());
        QuarkusTransaction.requiringNew().run(() -> store.saveRule(new MailStore.Rule(id, caller.organisation(),
                input.position(), input.filenamePattern(), input.subjectPattern(), input.template(), input.dryRun(),
                caller.user(), List.copyOf(caller.roles()), clock.instant())));
        return view();
    }

    @Mutation
    @Description("Remove a rule")
    public @NonNull SettingsView deleteEmailImportRule(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        if (!QuarkusTransaction.requiringNew().call(() -> store.deleteRule(uuid(id), caller.organisation()))) {
            throw new NotFoundException("id", "No rule has the ID " + id);
        }
        return view();
    }

    @Query
    @Description("The mail read lately, newest first, accepted and refused, with why")
    public @NonNull List<@NonNull MessageView> emailImportMessages(@DefaultValue("50") int first) {
        caller.require(Roles.IMPORT_ADMIN);
        return store.messages(caller.organisation(), Math.max(0, Math.min(first, 500))).stream().map(MessageView::of)
                .toList();
    }

    private SettingsView view() {
        String organisation = caller.organisation();
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

    private String address(String token) {
        return config.localPart() + "+" + token + "@" + config.domain();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("id", "No rule has the ID " + id);
        }
    }
}
