package dev.intake.progress;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Listens on PostgreSQL's channel {@code intake_batch}, where every instance's batches say that they changed (see
 * {@code V7__batch_notifications.sql}), and hands each notification to the {@link BatchFeed}: progress made by a
 * worker on any instance reaches this one's subscribers. It starts with the first subscription, holds one connection
 * of the pool while it runs, and listens again when the connection is lost, after which the feed sends each
 * subscriber its batch's current state, since notifications sent meanwhile are gone.
 */
@ApplicationScoped
public class BatchListener {

    private static final Logger LOG = Logger.getLogger(BatchListener.class);
    static final String CHANNEL = "intake_batch";
    private static final int WAIT_MILLIS = 500;
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(10);

    @Inject
    DataSource dataSource;

    @Inject
    BatchFeed feed;

    private Thread thread;
    private volatile boolean stopping;

    /** Starts listening, once. */
    synchronized void start() {
        if (thread != null || stopping) {
            return;
        }
        thread = new Thread(this::listen, "intake-batch-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
        }
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(200);
        boolean lost = false;
        while (!stopping) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("listen " + CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                if (lost) {
                    LOG.infof("Listening for batch changes again; each subscriber gets its batch's current state");
                    feed.resendAll();
                    lost = false;
                }
                backoff = Duration.ofMillis(200);
                while (!stopping) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            feed.notified(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                lost = true;
                LOG.warnf("Lost the database connection that listens for batch changes (%s); listening again in %d ms",
                        e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
