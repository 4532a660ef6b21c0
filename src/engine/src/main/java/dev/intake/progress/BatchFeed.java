package dev.intake.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.config.IntakeConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Pushes batches to the clients that follow them, from the notifications of every instance ({@link BatchListener}):
 * a batch's state is read once per notification however many follow it, at once for a status change and at most
 * every {@code intake.subscriptions.progress-interval} for progress, the last state always sent. A client that does
 * not keep up is dropped: at most a few states wait for it.
 */
@ApplicationScoped
public class BatchFeed {

    private static final Logger LOG = Logger.getLogger(BatchFeed.class);

    /** States waiting for a slow client before it is dropped. */
    static final int BUFFERED = 16;

    @Inject
    BatchStore batches;

    @Inject
    BatchListener listener;

    @Inject
    IntakeConfig config;

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Map<Object, AtomicInteger> perConnection = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Map<UUID, Pace> paces = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "intake-batch-feed");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Who follows, and over which connection: the limit counts per connection. (When the token expires, Quarkus closes
     * the connection with 1008 "Authentication expired", so the subscription ends with it.)
     *
     * @param connection what identifies the client's connection, compared by identity: a WebSocket's HTTP connection,
     *        or the request of a server-sent event stream
     */
    public record Follower(String user, String organisation, Object connection) {
    }

    /** One subscription: one batch, or every batch of an organisation (of one status, when given). */
    private record Watch(UUID batchId, String organisation, BatchStatus status, Follower follower,
            MultiEmitter<? super ImportBatch> emitter) {

        boolean wants(ImportBatch batch) {
            if (batchId != null) {
                return batchId.equals(batch.id());
            }
            return organisation.equals(batch.organisation()) && (status == null || status == batch.status());
        }
    }

    /** When a batch's state was last sent, and whether a send is scheduled. */
    private static final class Pace {
        private Instant sent = Instant.EPOCH;
        private boolean scheduled;
    }

    /**
     * The batch's states: the current one first, then one per change, until the batch reaches a status that only an
     * admin's action moves it from (it has ended, or a dry run is READY).
     */
    public Multi<ImportBatch> follow(ImportBatch current, Follower follower) {
        return watch(current.id(), current.organisation(), null, follower, current);
    }

    /** Every change of the organisation's batches, of the status when one is given. */
    public Multi<ImportBatch> followAll(Follower follower, BatchStatus status) {
        return watch(null, follower.organisation(), status, follower, null);
    }

    private Multi<ImportBatch> watch(UUID batchId, String organisation, BatchStatus status, Follower follower,
            ImportBatch current) {
        // refused at once, as the subscription is asked for, so that the client's subscribe gets the error
        admit(follower).ifPresent(refused -> {
            throw new SubscriptionRefusedException(refused);
        });
        return Multi.createFrom().<ImportBatch> emitter(emitter -> {
            Watch watch = new Watch(batchId, organisation, status, follower, emitter);
            watches.add(watch);
            emitter.onTermination(() -> {
                if (watches.remove(watch)) {
                    release(follower);
                }
            });
            listener.start();
            if (current != null) {
                emitter.emit(current);
                if (endsFollowing(current.status())) {
                    emitter.complete();
                } else {
                    // a change between reading the current state and watching would be missed: read it once more
                    notified(batchId + ":status");
                }
            }
        }).onOverflow().buffer(BUFFERED);
    }

    private synchronized void release(Follower follower) {
        AtomicInteger count = perConnection.get(follower.connection());
        if (count != null && count.decrementAndGet() <= 0) {
            perConnection.remove(follower.connection());
        }
        total.decrementAndGet();
    }

    private synchronized Optional<String> admit(Follower follower) {
        IntakeConfig.Subscriptions limits = config.subscriptions();
        if (total.get() >= limits.maxTotal()) {
            return Optional.of("This server follows " + total.get() + " subscriptions, its limit"
                    + " (intake.subscriptions.max-total); try again later, or poll importBatch meanwhile");
        }
        AtomicInteger count = perConnection.computeIfAbsent(follower.connection(), connection -> new AtomicInteger());
        if (count.get() >= limits.maxPerConnection()) {
            return Optional.of("This connection follows " + count.get() + " subscriptions, the limit"
                    + " (intake.subscriptions.max-per-connection); end one first, or open another connection");
        }
        count.incrementAndGet();
        total.incrementAndGet();
        return Optional.empty();
    }

    /** Whether only an admin's action can move a batch on from this status, so that following it ends. */
    static boolean endsFollowing(BatchStatus status) {
        return status.isFinished() || status == BatchStatus.READY;
    }

    /** A notification of {@link BatchListener}: the batch's ID, and {@code :status} when its status changed. */
    void notified(String payload) {
        boolean statusChanged = payload.endsWith(":status");
        UUID id;
        try {
            id = UUID.fromString(statusChanged ? payload.substring(0, payload.length() - ":status".length()) : payload);
        } catch (IllegalArgumentException e) {
            LOG.debugf("Ignored a notification that names no batch: %s", payload);
            return;
        }
        if (watches.stream().noneMatch(watch -> watch.batchId() == null || watch.batchId().equals(id))) {
            return;
        }
        Pace pace = paces.computeIfAbsent(id, batch -> new Pace());
        synchronized (pace) {
            if (pace.scheduled) {
                return;
            }
            Duration interval = config.subscriptions().progressInterval();
            Duration wait = statusChanged ? Duration.ZERO : Duration.between(Instant.now(), pace.sent.plus(interval));
            pace.scheduled = true;
            sender.schedule(() -> send(id, pace), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends every subscriber its batch's current state, after notifications may have been missed. */
    void resendAll() {
        watches.stream().map(Watch::batchId).filter(id -> id != null).distinct()
                .forEach(id -> notified(id + ":status"));
    }

    private void send(UUID id, Pace pace) {
        synchronized (pace) {
            pace.scheduled = false;
            pace.sent = Instant.now();
        }
        try {
            Optional<ImportBatch> read = batches.find(id);
            if (read.isEmpty()) {
                return;
            }
            ImportBatch batch = read.get();
            for (Watch watch : watches) {
                if (watch.wants(batch)) {
                    push(watch, batch);
                }
            }
            if (endsFollowing(batch.status())) {
                paces.remove(id);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Batch %s could not be read for its subscribers; the next change sends it", id);
        }
    }

    /**
     * Sends a subscriber the batch: GraphQL resolves the fields it asked for as the emit runs, in the subscription's
     * own request context. A state that fails to resolve ends that subscription with an error, never the others.
     */
    private void push(Watch watch, ImportBatch batch) {
        try {
            watch.emitter().emit(batch);
            if (watch.batchId() != null && endsFollowing(batch.status())) {
                watch.emitter().complete();
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Batch %s could not be sent to a subscriber of %s; the subscription ends", batch.id(),
                    watch.follower().user());
            watch.emitter().fail(e);
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
        watches.forEach(watch -> watch.emitter().complete());
    }
}
