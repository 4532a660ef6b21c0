package dev.intake.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStatusChanged;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.RowOutcome;
import dev.intake.report.ReportFiles;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The replies of email intake, sent over SMTP in the thread of the message they answer (In-Reply-To and References):
 * once every batch of an accepted message has ended, each file's status and counts, its first failed rows, a link to
 * the batch in the console and the exceptions file when it is small enough; for a refused message whose sender is
 * allowed (and authenticated where required), why. Any other refusal gets no reply, so that Intake sends nothing to a
 * forged From. A reply is claimed in PostgreSQL before it is sent, so it goes at most once.
 */
@ApplicationScoped
public class MailReplies {

    private static final Logger LOG = Logger.getLogger(MailReplies.class);
    private static final int FAILED_ROWS = 5;

    @Inject
    Mailer mailer;

    @Inject
    MailStore store;

    @Inject
    BatchStore batches;

    @Inject
    OutcomeStore outcomes;

    @Inject
    ReportFiles reports;

    @Inject
    EmailConfig config;

    @Inject
    Clock clock;

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) BatchStatusChanged change) {
        if (!config.enabled() || (!change.ends() && change.to() != BatchStatus.READY)) {
            return;
        }
        try {
            Optional<MailStore.Message> message = store.messageOf(change.batchId());
            if (message.isEmpty() || message.get().repliedAt() != null) {
                return;
            }
            List<ImportBatch> found = new ArrayList<>();
            for (UUID id : message.get().batches()) {
                ImportBatch batch = batches.find(id).orElseThrow();
                if (!batch.status().isFinished() && batch.status() != BatchStatus.READY) {
                    return;
                }
                found.add(batch);
            }
            MailStore.Settings settings = store.settings(message.get().organisation());
            if (!settings.replies() || !claim(message.get().id())) {
                return;
            }
            send(message.get(), settings, "Imported: " + subject(message.get().subject()), summary(found),
                    attachments(found));
        } catch (RuntimeException e) {
            LOG.errorf(e, "The reply to the message of batch %s could not be sent", change.batchId());
        }
    }

    /** The reply to a refused message that may be answered. */
    void refused(UUID id, InboundMail mail, MailStore.Settings settings, String reason) {
        try {
            if (!claim(id)) {
                return;
            }
            MailStore.Message message = new MailStore.Message(id, settings.organisation(), mail.messageId(),
                    mail.sender(), null, mail.subject(), null, MailIntake.REJECTED, reason, true, List.of(), null,
                    null);
            send(message, settings, "Not imported: " + subject(mail.subject()), "Your email was not imported: "
                    + reason + ".\n\nNothing of it was imported. Send it again once this is fixed.\n", List.of());
        } catch (RuntimeException e) {
            LOG.errorf(e, "The reply to refused message %s could not be sent", mail.messageId());
        }
    }

    private boolean claim(UUID message) {
        return QuarkusTransaction.requiringNew().call(() -> store.claimReply(message, clock.instant()));
    }

    private void send(MailStore.Message message, MailStore.Settings settings, String subject, String text,
            List<Attachment> attachments) {
        String to = settings.replyTo() == null || settings.replyTo().isBlank() ? message.sender() : settings.replyTo();
        Mail mail = Mail.withText(to, subject, text).setFrom(config.replyFrom());
        if (message.messageId() != null) {
            mail.addHeader("In-Reply-To", message.messageId());
            mail.addHeader("References", message.messageId());
        }
        for (Attachment attachment : attachments) {
            mail.addAttachment(attachment.name(), attachment.bytes(), "text/csv");
        }
        mailer.send(mail);
    }

    private record Attachment(String name, byte[] bytes) {
    }

    private String summary(List<ImportBatch> found) {
        StringBuilder text = new StringBuilder("Your email's files were imported.\n");
        for (ImportBatch batch : found) {
            long total = batch.totalRows() == null ? 0L : batch.totalRows().longValue();
            text.append("\n").append(batch.filename()).append(" (").append(batch.template()).append("): ")
                    .append(batch.status()).append(batch.dryRun() ? ", a dry run" : "").append(". ")
                    .append(String.format(Locale.ROOT, "%,d rows: %,d imported (%,d created, %,d updated), %,d failed.",
                            total, batch.successCount(),
                            batch.createdCount(), batch.updatedCount(), batch.errorCount()))
                    .append("\n");
            if (batch.message() != null) {
                text.append(batch.message()).append("\n");
            }
            List<RowOutcome> failures = outcomes.failures(batch.id(), 0, FAILED_ROWS + 1);
            for (RowOutcome failure : failures.subList(0, Math.min(FAILED_ROWS, failures.size()))) {
                text.append("  - ").append(failure.errorType()).append(": ").append(failure.message()).append("\n");
            }
            if (failures.size() > FAILED_ROWS) {
                text.append("  - and more: see the exceptions file\n");
            }
            text.append("Details: ").append(config.consoleUrl()).append("/console/imports/").append(batch.id())
                    .append("\n");
        }
        return text.toString();
    }

    /** The exceptions file of each batch with failed rows, when it is under the size limit. */
    private List<Attachment> attachments(List<ImportBatch> found) {
        List<Attachment> attachments = new ArrayList<>();
        for (ImportBatch batch : found) {
            if (batch.errorCount() == 0 || batch.purgedAt() != null) {
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                reports.writeExceptions(batch, out);
            } catch (IOException e) {
                LOG.warnf("The exceptions file of batch %s could not be written for its reply", batch.id());
                continue;
            }
            if (out.size() <= config.maxReplyAttachment()) {
                attachments.add(new Attachment(batch.filename().replaceFirst("(?i)\\.(csv|tsv|txt|ndjson|jsonl|xlsx|xlsm)$",
                        "") + "-exceptions.csv", out.toByteArray()));
            }
        }
        return attachments;
    }

    private static String subject(String subject) {
        return subject == null || subject.isBlank() ? "your email" : subject;
    }
}
