package dev.intake.metrics;

/**
 * The engine's metrics: Micrometer names (Prometheus writes dots as underscores, and adds {@code _total} to counters
 * and {@code _seconds} to timers), what they measure, and their labels. No label carries user data: targets and
 * templates are names from the configuration and the schema, never file names, addresses or IDs.
 */
public enum Metric {
    ROWS("intake.rows", null, "Rows given an outcome, by target, template, outcome (success or the error type) and"
            + " whether the batch is a dry run", "target", "template", "outcome", "dry_run"),
    BATCHES_ENDED("intake.batches.ended", null, "Batches that reached a status that ends them, by that status", "status"),
    BATCH_DURATION("intake.batch.duration", null, "From upload to end, of each batch that ended, by its status",
            "status"),
    BATCH_ROWS_PER_SECOND("intake.batch.rows.per.second", null, "Rows per second from the start of processing to"
            + " the end, of each batch that ended with rows processed", "status"),
    CHUNKS_WAITING("intake.chunks.waiting", null, "Chunks waiting for a worker, across instances (read from"
            + " PostgreSQL every 5 s)"),
    WORKERS_BUSY("intake.workers.busy", null, "This instance's import workers that are working now"),
    UPLOAD_BYTES("intake.upload", "bytes", "Bytes of files accepted for import, by where they came from", "source"),
    REMOTE_REQUESTS("intake.remote.requests", null, "Requests to a remote target and how long each took, by target"
            + " and answer (2xx, 3xx, 4xx, 429, 5xx, or error when no answer came)", "target", "answer"),
    REMOTE_THROTTLED("intake.remote.throttled", null, "Time that imports to a remote target waited or paused because"
            + " the target throttled them, by target", "target"),
    WEBHOOK_DELIVERIES("intake.webhook.deliveries", null, "Attempts at webhook deliveries, by result: delivered,"
            + " retry (it is tried again later) or failed (no attempt left)", "result"),
    REMOTE_SLOTS("intake.remote.slots", null, "Requests this instance may have in flight to a remote target"
            + " now (the slots it holds), by target", "target");

    private final String name;
    private final String unit;
    private final String description;
    private final String[] labels;

    Metric(String name, String unit, String description, String... labels) {
        this.name = name;
        this.unit = unit;
        this.description = description;
        this.labels = labels;
    }

    public String metricName() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    public java.util.List<String> labels() {
        return java.util.List.of(labels);
    }

    /**
     * The tags given, once checked against this metric's labels: a key and a value for each label, in its order. A
     * measurement with other tags is a mistake in the engine, and fails where it is made.
     */
    public String[] tagged(String... tags) {
        boolean matches = tags.length == labels.length * 2;
        for (int i = 0; matches && i < labels.length; i++) {
            matches = labels[i].equals(tags[2 * i]) && tags[2 * i + 1] != null;
        }
        if (!matches) {
            throw new IllegalArgumentException(name + " takes a value for each of the labels " + labels()
                    + ", in that order, not " + java.util.Arrays.toString(tags));
        }
        return tags;
    }
}
