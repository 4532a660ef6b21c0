package dev.intake.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Enumeration;
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
import jakarta.mail.internet.MimeMessage;

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

    @Inject
    dev.intake.db.Jdbc jdbc;

    @Scheduled(every = "${intake.email.poll-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    void scheduled() {
        if (!reading.tryLock()) {
            return;
        }
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading the mailbox %s failed; the next read tries again", config.host().orElse("?"));
        } finally {
            reading.unlock();
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

    private volatile Thread idler;

    /** One read at a time per instance: the schedule's, or the one IDLE wakes. */
    private final java.util.concurrent.locks.ReentrantLock reading = new java.util.concurrent.locks.ReentrantLock();

    /**
     * Where the server offers IMAP IDLE, one thread per instance waits in it and reads the mailbox as soon as mail
     * arrives; the scheduled read stays as the fallback, and for servers without IDLE.
     */
    void startIdling(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) {
        if (!config.enabled() || !config.scheduled()) {
            return;
        }
        Thread thread = new Thread(this::idle, "intake-mail-idle");
        thread.setDaemon(true);
        thread.start();
        idler = thread;
    }

    void stopIdling(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent stopping) {
        Thread thread = idler;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void idle() {
        while (!Thread.currentThread().isInterrupted()) {
            try (Store store = connect()) {
                Folder folder = store.getFolder(config.folder());
                folder.open(Folder.READ_ONLY);
                if (!(folder instanceof IMAPFolder imap) || !((org.eclipse.angus.mail.imap.IMAPStore) store)
                        .hasCapability("IDLE")) {
                    LOG.infof("The mailbox %s offers no IDLE; it is read every %s", config.host().get(),
                            config.pollInterval());
                    return;
                }
                while (!Thread.currentThread().isInterrupted() && folder.isOpen()) {
                    imap.idle(true);
                    scheduled();
                }
            } catch (MessagingException | RuntimeException e) {
                LOG.debugf("IDLE on the mailbox ended (%s); waiting in it again", e.getMessage());
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private Store connect() throws MessagingException {
        String protocol = config.tls() ? "imaps" : "imap";
        Store store = session(protocol).getStore(protocol);
        store.connect(config.host().get(), config.port(), config.user().orElse(null), config.password().orElse(null));
        return store;
    }

    private Session session(String protocol) {
        Properties properties = new Properties();
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".host", config.host().get());
        properties.put("mail." + protocol + ".port", String.valueOf(config.port()));
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "60000");
        return Session.getInstance(properties);
    }

    /**
     * Reads every message in the folder once; answers how many were recorded now. One instance at a time reads the
     * mailbox, under a PostgreSQL advisory lock: IMAP numbers a folder's messages by position, and another session's
     * moves renumber them under a reader that has not seen them yet. The others skip the read; the records would keep
     * each message once anyway.
     */
    public int poll() {
        if (!config.enabled()) {
            return 0;
        }
        long key = ("intake.email:" + config.host().get() + ":" + config.user().orElse("") + ":" + config.folder())
                .hashCode();
        return jdbc.withConnection(connection -> {
            try (java.sql.PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, key);
                try (java.sql.ResultSet locked = lock.executeQuery()) {
                    if (!locked.next() || !locked.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            try {
                return readMailbox();
            } finally {
                try (java.sql.PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                }
            }
        });
    }

    private int readMailbox() {
        int recorded = 0;
        try (Store store = connect()) {
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Folder processed = ensure(store, config.processedFolder());
                Folder rejected = ensure(store, config.rejectedFolder());
                long uidValidity = ((UIDFolder) folder).getUIDValidity();
                for (Message message : folder.getMessages()) {
                    recorded += read(folder, message, uidValidity, processed, rejected) ? 1 : 0;
                }
            } finally {
                if (folder.isOpen()) {
                    folder.close(true);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("The mailbox " + config.user().orElse("") + "@" + config.host().get()
                    + " could not be read: " + e.getMessage(), e);
        }
        return recorded;
    }

    /**
     * Reads, records and moves one message; true when it was recorded now. A message another instance moved away
     * meanwhile (expunged under this one) is left to it.
     */
    private boolean read(Folder folder, Message message, long uidValidity, Folder processed, Folder rejected) {
        try {
            if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
                return false;
            }
            long uid = ((UIDFolder) folder).getUID(message);
            Instant received = message.getReceivedDate() == null ? Instant.now()
                    : message.getReceivedDate().toInstant();
            long size = message.getSize();
            MailIntake.Outcome outcome = size > config.maxMessageSize().asLongValue()
                    ? intake.handleTooLarge(uidValidity, uid, headers(message), size, received)
                    : intake.handle(uidValidity, uid, raw(message), received);
            pauseForFaultInjection();
            move(folder, message, MailIntake.ACCEPTED.equals(outcome.status()) ? processed : rejected);
            return outcome.recordedNow();
        } catch (MessagingException | IOException e) {
            LOG.debugf("A message could not be read (another instance may have moved it): %s", e.getMessage());
            return false;
        }
    }

    private void pauseForFaultInjection() {
        long pause = config.moveDelay().toMillis();
        if (pause > 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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

    /** The message's header, without its body, which is not fetched. */
    private static byte[] headers(Message message) throws MessagingException {
        StringBuilder header = new StringBuilder();
        Enumeration<String> lines = ((MimeMessage) message).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            header.append(lines.nextElement()).append("\r\n");
        }
        return header.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] raw(Message message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
