package dev.intake.processing;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import dev.intake.config.WorkersNotScheduled;
import dev.intake.metrics.ImportMetrics;
import dev.intake.metrics.Metric;
import dev.intake.undo.RollbackFinisher;
import dev.intake.undo.RowUndoing;
import dev.intake.undo.UndoChunk;
import dev.intake.undo.UndoStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The background workers: each validates pending files, then claims chunks and runs their rows, then chunks of
 * rollbacks and undoes their rows, until no work is left. {@code intake.worker.threads} of them run in this
 * instance; all coordination is in PostgreSQL, so any number of workers and instances can run side by side. A
 * rollback's chunks wait while import chunks are waiting.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    private static final long STOP_WAIT_SECONDS = 15;

    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private ExecutorService threads;

    @Inject
    FileValidation validation;

    @Inject
    ChunkStore chunks;

    @Inject
    ChunkProcessor processor;

    @Inject
    BatchFinisher finisher;

    @Inject
    EarlyStop earlyStop;

    @Inject
    WorkerIdentity identity;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Inject
    ImportMetrics metrics;

    @Inject
    UndoStore undos;

    @Inject
    RowUndoing rowUndoing;

    @Inject
    RollbackFinisher rollbackFinisher;

    @Scheduled(every = "${intake.worker.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = WorkersNotScheduled.class)
    synchronized void poll() {
        if (stopping) {
            return;
        }
        int wanted = config.worker().threads();
        while (running.get() < wanted) {
            running.incrementAndGet();
            try {
                executor().execute(() -> {
                    try {
                        drain();
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                running.decrementAndGet();
                return;
            }
        }
    }

    /**
     * Starts the workers at once when this instance queues work (an upload, a dry run started for real): the
     * scheduler ticks only once a second, whatever the poll interval. Other instances find the work at their
     * next poll. Never fails the caller: the work is committed, and the next poll finds it anyway.
     */
    /** Shows how many of this instance's workers are working, when the application has a metrics registry. */
    void measure(@Observes StartupEvent event) {
        metrics.gauge(Metric.WORKERS_BUSY, this::busyWorkers);
    }

    void wake(@Observes WorkQueued event) {
        if (!config.worker().scheduled()) {
            return;
        }
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not start the workers for batch %s; the next poll will", event.batchId());
        }
    }

    private synchronized ExecutorService executor() {
        if (threads == null) {
            AtomicInteger number = new AtomicInteger();
            threads = Executors.newFixedThreadPool(config.worker().threads(), task -> {
                Thread thread = new Thread(task, "intake-worker-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return threads;
    }

    /**
     * Lets each worker finish the chunk it holds (a few hundred rows) and stop before the rest of the server
     * shuts down; a worker still busy after 15 s is interrupted, and its chunk returns to the queue when its
     * lease ends.
     */
    void stopWorkers(@Observes ShutdownEvent event) {
        stopping = true;
        ExecutorService pool;
        synchronized (this) {
            pool = threads;
        }
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("Import workers still busy after %d s; stopping them, and their chunks will be taken over",
                        STOP_WAIT_SECONDS);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /** Works until nothing is left to do. A failure is logged and never stops the worker. */
    public void drain() {
        try {
            while (!stopping && runOnce()) {
                // keep going while there is work
            }
        } catch (RuntimeException e) {
            if (DatabaseErrors.isUnavailable(e)) {
                LOG.warnf("The database is unavailable (%s); the worker tries again in %d ms, and chunks it held go "
                        + "back to the queue when their leases end", e.getMessage(), config.worker().pollInterval().toMillis());
            } else {
                LOG.error("Unexpected failure in the import worker; it keeps running", e);
            }
        }
    }

    /** How many of this instance's workers are running now. */
    public int busyWorkers() {
        return running.get();
    }

    /** Does one unit of work; false when there was none. */
    public boolean runOnce() {
        if (validation.validateNext(identity.name())) {
            return true;
        }
        Optional<Chunk> chunk = QuarkusTransaction.requiringNew().call(() -> chunks.claimNext(identity.name(),
                clock.instant(), clock.instant().plus(config.worker().lease())));
        if (chunk.isPresent()) {
            processor.process(chunk.get(), identity.name());
            if (!earlyStop.checkAfterChunk(chunk.get().batchId())) {
                finisher.finishIfDone(chunk.get().batchId());
            }
            return true;
        }
        Optional<UndoChunk> undoChunk = QuarkusTransaction.requiringNew().call(() -> undos.claimNext(identity.name(),
                clock.instant(), clock.instant().plus(config.worker().lease())));
        if (undoChunk.isPresent()) {
            rowUndoing.process(undoChunk.get(), identity.name());
            rollbackFinisher.finishIfDone(undoChunk.get().batchId());
            return true;
        }
        return finisher.finishStragglers() | rollbackFinisher.finishStragglers();
    }
}
