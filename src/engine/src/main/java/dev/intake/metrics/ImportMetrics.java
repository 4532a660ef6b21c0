package dev.intake.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchSource;
import dev.intake.batch.BatchStatusChanged;
import dev.intake.batch.OutcomesWritten;
import dev.intake.db.Jdbc;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Records the engine's {@link Metric}s through Micrometer when the application has it, and nothing otherwise. What
 * happens in a transaction is counted once it commits: rows rolled back are never counted.
 */
@ApplicationScoped
public class ImportMetrics {

    private static final Logger LOG = Logger.getLogger(ImportMetrics.class);

    /** The target label of templates of the application's own schema. */
    static final String IN_PROCESS = "in-process";

    private static final int LABELLED_BATCHES = 256;

    private final Meters meters = Meters.find();

    private final Map<UUID, BatchLabels> labels = new LinkedHashMap<>(LABELLED_BATCHES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, BatchLabels> eldest) {
            return size() > LABELLED_BATCHES;
        }
    };

    private final Map<String, AtomicInteger> slots = new ConcurrentHashMap<>();

    private volatile long queueDepth;

    @Inject
    Jdbc jdbc;

    @Inject
    TemplateCatalog templates;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** What labels a batch's rows: from the configuration and the schema, never from the file. */
    private record BatchLabels(String target, String template, boolean dryRun) {
    }

    void start(@Observes StartupEvent event) {
        meters.gauge(Metric.CHUNKS_WAITING, () -> queueDepth);
    }

    /** Registers a gauge that the caller keeps current; nothing when no registry is present. */
    public void gauge(Metric metric, Supplier<Number> value, String... tags) {
        meters.gauge(metric, value, tags);
    }

    /** Counts rows' outcomes when their transaction commits. */
    void outcomesWritten(@Observes OutcomesWritten written) {
        if (!meters.recording()) {
            return;
        }
        safely(() -> {
            BatchLabels batch = labels(written.batchId());
            if (batch == null) {
                return;
            }
            afterCommit(() -> written.counts().forEach((outcome, count) -> meters.count(Metric.ROWS, count,
                    "target", batch.target(), "template", batch.template(), "outcome", outcome,
                    "dry_run", Boolean.toString(batch.dryRun()))));
        });
    }

    /** Counts and times a batch that ended, when the transaction that ended it commits. */
    void statusChanged(@Observes BatchStatusChanged changed) {
        if (!meters.recording() || !changed.ends()) {
            return;
        }
        safely(() -> jdbc.first("""
                select created_at, started_at, ended_at, coalesce(processed_rows, 0) as processed
                from intake.import_batch where id = ?
                """, row -> {
            Instant created = row.getTimestamp("created_at").toInstant();
            Instant started = row.getTimestamp("started_at") == null ? created
                    : row.getTimestamp("started_at").toInstant();
            Instant ended = row.getTimestamp("ended_at") == null ? changed.at()
                    : row.getTimestamp("ended_at").toInstant();
            long processed = row.getLong("processed");
            String status = changed.to().name();
            afterCommit(() -> {
                meters.count(Metric.BATCHES_ENDED, 1, "status", status);
                meters.time(Metric.BATCH_DURATION, Duration.between(created, ended), "status", status);
                double seconds = Duration.between(started, ended).toNanos() / 1e9;
                if (processed > 0 && seconds > 0) {
                    meters.record(Metric.BATCH_ROWS_PER_SECOND, processed / seconds, "status", status);
                }
            });
            return status;
        }, changed.batchId()));
    }

    /** Counts the bytes of a file accepted for import. */
    public void uploaded(BatchSource source, long bytes) {
        meters.count(Metric.UPLOAD_BYTES, bytes, "source", source.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Times a request to a remote target by its answer's HTTP status.
     *
     * @param status the answer's status, or a negative number when no answer came
     */
    public void remoteAnswered(String target, int status, Duration took) {
        meters.time(Metric.REMOTE_REQUESTS, took, "target", target, "answer", answerClass(status));
    }

    /** Counts an attempt at a webhook delivery by its result: delivered, retry or failed. */
    public void webhookDelivery(String result) {
        meters.count(Metric.WEBHOOK_DELIVERIES, 1, "result", result);
    }

    /** Adds time that imports to a target waited or paused because it throttled them. */
    public void throttled(String target, Duration waited) {
        if (!waited.isNegative() && !waited.isZero()) {
            meters.time(Metric.REMOTE_THROTTLED, waited, "target", target);
        }
    }

    /** Counts slots this instance took (positive) or released (negative) on a target. */
    public void slotsHeld(String target, int change) {
        if (!meters.recording()) {
            return;
        }
        slots.computeIfAbsent(target, name -> {
            AtomicInteger held = new AtomicInteger();
            meters.gauge(Metric.REMOTE_SLOTS, held::get, "target", name);
            return held;
        }).addAndGet(change);
    }

    static String answerClass(int status) {
        if (status < 0) {
            return "error";
        }
        if (status == 429) {
            return "429";
        }
        return status / 100 + "xx";
    }

    /** Reads the queue depth for its gauge, off the scrape's thread: a scrape never waits for PostgreSQL. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void readQueueDepth() {
        if (!meters.recording()) {
            return;
        }
        try {
            queueDepth = jdbc.first("select count(*) from intake.import_chunk where status = 'PENDING'",
                    row -> row.getLong(1)).orElse(0L);
        } catch (RuntimeException e) {
            LOG.debugf("The chunk queue could not be read for its gauge: %s", e.getMessage());
        }
    }

    private BatchLabels labels(UUID batchId) {
        synchronized (labels) {
            BatchLabels known = labels.get(batchId);
            if (known != null) {
                return known;
            }
        }
        BatchLabels read = jdbc.first("select template, dry_run from intake.import_batch where id = ?",
                row -> new BatchLabels(targetOf(row.getString("template")), row.getString("template"),
                        row.getBoolean("dry_run")), batchId).orElse(null);
        if (read != null) {
            synchronized (labels) {
                labels.put(batchId, read);
            }
        }
        return read;
    }

    private String targetOf(String template) {
        return templates.byName(template).map(ImportTemplate::target).orElse(IN_PROCESS);
    }

    /** Runs when the current transaction commits, or now when there is none. */
    private void afterCommit(Runnable recording) {
        if (transactions.getTransactionKey() == null) {
            recording.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    safely(recording);
                }
            }
        });
    }

    /** Metrics never fail the work they measure. */
    private static void safely(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "A metric could not be recorded");
        }
    }
}
