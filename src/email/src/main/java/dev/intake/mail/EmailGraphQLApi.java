package dev.intake.mail;

import java.time.Instant;
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

import dev.intake.security.Caller;
import dev.intake.security.Roles;
import dev.intake.template.ImportAction;

/**
 * Email Import Settings on {@code /graphql}, for the organisation's admins: its secret address and its rotation, the
 * senders it accepts, whether they must be authenticated, the rules that choose a template, replies, and the mail
 * read lately with what became of it.
 */
@GraphQLApi
public class EmailGraphQLApi {

    @Inject
    Caller caller;

    @Inject
    EmailSettings settings;

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
                    + " it accepts") String refusal,
            @Id @Description("The batch whose saved column mapping the rule pins; null when it pins none") String mappingFrom) {

        static RuleView of(MailStore.Rule rule, Optional<String> refusal) {
            return new RuleView(rule.id().toString(), rule.position(), rule.filenamePattern(), rule.subjectPattern(),
                    rule.template(), rule.dryRun(), rule.savedBy(), rule.savedAt(), refusal.orElse(null),
                    rule.mappingBatch() == null ? null : rule.mappingBatch().toString());
        }
    }

    @Input("IntakeEmailImportSettingsInput")
    public record SettingsInput(@NonNull List<@NonNull String> allowedSenders, boolean requireAuthentication,
            @DefaultValue("true") boolean replies, String replyTo) {
    }

    @Input("IntakeEmailImportRuleInput")
    public record RuleInput(@Id @Description("The rule to change; left out, a new rule") String id, int position,
            String filenamePattern, String subjectPattern, @NonNull String template, boolean dryRun,
            @Id @Description("A batch of this template whose column mapping was saved: the rule's attachments must have"
                    + " exactly its headers, and run with that mapping; an attachment with other headers is refused")
            String mappingFrom) {
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
        return settings.view(caller.organisation());
    }

    @Mutation
    @ImportAction(importable = false)
    @Description("Change who may send files and how replies go")
    public @NonNull SettingsView updateEmailImportSettings(@NonNull SettingsInput input) {
        caller.require(Roles.IMPORT_ADMIN);
        settings.update(caller.organisation(), caller.user(), input);
        return settings.view(caller.organisation());
    }

    @Mutation
    @Description("Give the organisation a new secret address; the old one keeps working for the grace period")
    public @NonNull SettingsView rotateEmailImportAddress() {
        caller.require(Roles.IMPORT_ADMIN);
        settings.rotate(caller.organisation());
        return settings.view(caller.organisation());
    }

    @Mutation
    @ImportAction(importable = false)
    @Description("Add or change a rule; the attachments it chooses run as you, with the roles you have now")
    public @NonNull SettingsView saveEmailImportRule(@NonNull RuleInput input) {
        caller.require(Roles.IMPORT_ADMIN);
        settings.saveRule(caller.organisation(), caller.user(), caller.roles(), input);
        return settings.view(caller.organisation());
    }

    @Mutation
    @Description("Remove a rule")
    public @NonNull SettingsView deleteEmailImportRule(@NonNull @Id String id) {
        caller.require(Roles.IMPORT_ADMIN);
        settings.deleteRule(caller.organisation(), id);
        return settings.view(caller.organisation());
    }

    @Query
    @Description("The mail read lately, newest first, accepted and refused, with why")
    public @NonNull List<@NonNull MessageView> emailImportMessages(@DefaultValue("50") int first) {
        caller.require(Roles.IMPORT_ADMIN);
        return settings.messages(caller.organisation(), first);
    }
}
