package dev.intake.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Reads the mailbox over IMAP (Jakarta Mail, as Eclipse Angus implements it): each message is recorded, and its
 * batches stored, before it is moved to the processed or the rejected folder, so a server killed in between finds it
 * recorded on its next read and only moves it. Several instances may read the same mailbox: the first to record a
 * message decides it.
 */
@ApplicationScoped
public class MailboxPoller {

    private static final Logger LOG = Logger.getLogger(MailboxPoller.class);

    @Inject
    EmailConfig config;

    @Inject
    MailIntake intake;

    @Scheduled(every = "${intake.email.poll-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    void scheduled() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading the mailbox %s failed; the next read tries again", config.host().orElse("?"));
        }
    }

    /** Skips the scheduled read while email intake is off, or when this instance does not read on a schedule. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        EmailConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled() || !config.scheduled();
        }
    }

    /** Reads every message in the folder once; answers how many were recorded now. */
    public int poll() {
        if (!config.enabled()) {
            return 0;
        }
        Properties properties = new Properties();
        String protocol = config.tls() ? "imaps" : "imap";
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".host", config.host().get());
        properties.put("mail." + protocol + ".port", String.valueOf(config.port()));
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "60000");
        Session session = Session.getInstance(properties);
        int recorded = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(config.host().get(), config.port(), config.user().orElse(null),
                    config.password().orElse(null));
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Folder processed = ensure(store, config.processedFolder());
                Folder rejected = ensure(store, config.rejectedFolder());
                long uidValidity = ((UIDFolder) folder).getUIDValidity();
                for (Message message : folder.getMessages()) {
                    if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    long uid = ((UIDFolder) folder).getUID(message);
                    MailIntake.Outcome outcome = intake.handle(uidValidity, uid, raw(message),
                            message.getReceivedDate() == null ? java.time.Instant.now()
                                    : message.getReceivedDate().toInstant());
                    recorded += outcome.recordedNow() ? 1 : 0;
                    move(folder, message, MailIntake.ACCEPTED.equals(outcome.status()) ? processed : rejected);
                }
            } finally {
                if (folder.isOpen()) {
                    folder.close(true);
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("The mailbox " + config.user().orElse("") + "@" + config.host().get()
                    + " could not be read: " + e.getMessage(), e);
        }
        return recorded;
    }

    private static Folder ensure(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        return folder;
    }

    /** Moves a recorded message out of the folder; one another instance moved first is left alone. */
    private static void move(Folder from, Message message, Folder to) {
        try {
            if (from instanceof IMAPFolder imap) {
                imap.moveMessages(new Message[] { message }, to);
            } else {
                from.copyMessages(new Message[] { message }, to);
                message.setFlag(Flags.Flag.DELETED, true);
            }
        } catch (MessagingException e) {
            LOG.debugf("Message could not be moved (another instance may have moved it): %s", e.getMessage());
        }
    }

    private static byte[] raw(Message message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
