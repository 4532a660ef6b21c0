package dev.intake.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import dev.intake.support.PackagedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Imports a generated createContact file through the packaged server, as an admin uploading over HTTP, and
 * measures it against COPY and batched JDBC on the same embedded PostgreSQL. Run with
 * {@code ./mvnw -Pbenchmark verify -Dbench.rows=1000000}; see the README for the options.
 */
public final class ImportBenchmark {

    static final int ACCOUNTS = 1000;
    private static final Pattern FIELD = Pattern.compile(
            "\"(status|processedRows|successCount|errorCount|unknownCount)\":\"?(\\w+)\"?");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int rows = Integer.getInteger("bench.rows", 1_000_000);
    private final String xmx = System.getProperty("bench.xmx", "256m");
    /** The collector and its young generation as the container image sets them (see Dockerfile.jvm), unless told otherwise. */
    private final String gc = System.getProperty("bench.gc", "-XX:+UseParallelGC -XX:NewRatio=1");
    /**
     * The server's native executable to measure instead of the packaged JVM server ({@code -Dbench.native}), or
     * empty. It writes no GC log, so its peak heap is not read, and the collector options do not apply.
     */
    private final String nativeExecutable = System.getProperty("bench.native", "").strip();
    private final int threads = Integer.getInteger("bench.threads", 2);
    private final int chunkSize = Integer.getInteger("bench.chunk-size", 500);
    private final List<Integer> instanceCounts = parse(System.getProperty("bench.instances", "1"));
    /** A server's first import: no warm-up at all, as just after a start. */
    private final boolean cold = Boolean.getBoolean("bench.cold");
    private final int warmup = cold ? 0 : Integer.getInteger("bench.warmup", 200_000);
    /**
     * What the rows do: create contacts, update them by ID, or upsert them by email with half existing; a list
     * such as {@code create,update,upsert} measures each in turn, in the same run, and compares them.
     */
    private final List<BenchAction> actions = java.util.Arrays.stream(System.getProperty("bench.action", "create")
            .split(",")).map(String::strip).map(BenchAction::of).toList();
    /** The action being measured. */
    private BenchAction action;
    /** Whether to add a line run with PostgreSQL's default settings, after the lines with the test settings. */
    private final boolean withDefaults = Boolean.parseBoolean(System.getProperty("bench.pg-defaults", "true"));
    /** {@code mapped}: Intake's file has renamed, shuffled headers, and the organisation saved their mapping first. */
    private final boolean mappedHeaders = "mapped".equals(System.getProperty("bench.headers", "template"));
    /** The format of the file Intake imports: csv, xlsx or ndjson; the baselines always read the CSV file. */
    private final String format = System.getProperty("bench.format", "csv");

    /** The settings that the two kinds of line differ in, or that decide their durability and speed. */
    private static final List<String> SETTINGS = List.of("synchronous_commit", "fsync", "full_page_writes",
            "wal_level", "shared_buffers", "max_wal_size", "checkpoint_timeout", "work_mem", "max_connections");

    public static void main(String[] args) throws Exception {
        if ("remote".equals(System.getProperty("bench.target"))) {
            new RemoteBenchmark().run();
            return;
        }
        new ImportBenchmark().run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("intake-bench");
        if (mappedHeaders && !actions.equals(List.of(BenchAction.CREATE))) {
            throw new IllegalArgumentException("-Dbench.headers=mapped goes with -Dbench.action=create only");
        }
        List<Measured> measured = new ArrayList<>();
        for (BenchAction next : actions) {
            action = next;
            measured.add(measure(dir));
        }
        if (measured.size() > 1 || cold) {
            printSummary(measured);
        }
    }

    /**
     * Each action's rate against its baseline and against the create rate. With creates measured more than once
     * (as in {@code create,update,upsert,create}), the create rate is their mean, so that the machine's drift over
     * the run weighs on the actions between them as little as it can.
     */
    private void printSummary(List<Measured> measured) {
        double[] creates = measured.stream().filter(m -> m.action == BenchAction.CREATE)
                .mapToDouble(Measured::rowsPerSecond).toArray();
        Double createRate = creates.length == 0 ? null : java.util.Arrays.stream(creates).average().orElseThrow();
        double[] defaultCreates = measured.stream().filter(m -> m.action == BenchAction.CREATE && m.defaultsRate != null)
                .mapToDouble(Measured::defaultsRate).toArray();
        Double defaultCreateRate = defaultCreates.length == 0 ? null
                : java.util.Arrays.stream(defaultCreates).average().orElseThrow();
        System.out.printf(Locale.ROOT, "%nIn this run (of the strongest row-wise loader, of the set-based ceiling, of"
                + " today's batched JDBC, of the create rate):%n");
        for (Measured result : measured) {
            System.out.printf(Locale.ROOT, "    %-14s test cluster %,9.0f rows/s: %s%s%s%n", result.action.template(),
                    result.rowsPerSecond, result.baselines.ratios(result.rowsPerSecond), ofCreates(result.action,
                            result.rowsPerSecond, createRate),
                    result.secondRate == null ? "" : String.format(Locale.ROOT, "; the server's second import: "
                            + "%,.0f rows/s, the first at %.2f of it", result.secondRate,
                            result.rowsPerSecond / result.secondRate));
            if (result.defaultsRate != null) {
                System.out.printf(Locale.ROOT, "    %-14s PG defaults  %,9.0f rows/s: %s%s%n", "",
                        result.defaultsRate, result.defaultsBaselines.ratios(result.defaultsRate),
                        ofCreates(result.action, result.defaultsRate, defaultCreateRate));
            }
        }
        if (creates.length > 1) {
            System.out.printf(Locale.ROOT, "    the create rate is the mean of the %d create lines: %,.0f rows/s%n",
                    creates.length, createRate);
        }
    }

    private static String ofCreates(BenchAction action, double rate, Double createRate) {
        return createRate == null || action == BenchAction.CREATE ? ""
                : String.format(Locale.ROOT, ", %.2f× of creates", rate / createRate);
    }

    /** An action's first line on the test cluster, for the run's summary. */
    private record Measured(BenchAction action, double rowsPerSecond, Baselines.Rates baselines, Double secondRate,
            Double defaultsRate, Baselines.Rates defaultsBaselines) {
    }

    /** Which server runs and with what memory settings, for the header line. */
    private String serverOptions() {
        return nativeExecutable.isEmpty() ? "-Xmx" + xmx + " " + gc
                : "the native executable " + nativeExecutable + " (-Dbench.native) with -Xmx" + xmx;
    }

    /** What the benchmark's options change in the file or the tables, for its header line. */
    private String fileOptions() {
        StringBuilder options = new StringBuilder();
        if (mappedHeaders) {
            options.append("; Intake's file has renamed, shuffled headers (").append(BenchFile.MAPPED_HEADER)
                    .append(") and a saved mapping");
        }
        if (BenchAction.KEEP_ACCOUNTS && action != BenchAction.CREATE) {
            options.append("; the existing contacts already on the accounts the rows name (-Dbench.keep-accounts)");
        }
        if (BenchAction.FILLFACTOR != null) {
            options.append("; contact tables at fillfactor ").append(BenchAction.FILLFACTOR);
        }
        return options.toString();
    }

    /** The current action: its file, Intake on the test cluster, the baselines, and PostgreSQL's defaults. */
    private Measured measure(Path dir) throws Exception {
        Path csv = action.write(dir, "contacts-" + action.name().toLowerCase(Locale.ROOT) + ".csv", rows, ACCOUNTS,
                BenchAction.Population.TIMED);
        int bad = BenchFile.badRows(rows);
        System.out.printf(Locale.ROOT, "%nIntake benchmark: %,d %s rows (%,d bad%s), %,d accounts, %d cores, "
                + "%s, %d workers per instance, chunks of %d, %s; Intake reads "
                + "the file as %s%s%n", rows, action.template(), bad, action == BenchAction.UPSERT
                        ? ", half of them naming an existing contact" : action == BenchAction.UPDATE
                                ? ", every one naming an existing contact by ID" : "", ACCOUNTS, Runtime.getRuntime().availableProcessors(), serverOptions(), threads, chunkSize,
                cold ? "each server's first import (-Dbench.cold), then the same file again on the same server"
                        : String.format(Locale.ROOT, "servers warmed up with a %,d-row import of the same mutation", warmup),
                format.toUpperCase(Locale.ROOT), fileOptions());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (Boolean.getBoolean("bench.statements")) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        Measured first;
        try (EmbeddedPostgres postgres = builder.start()) {
            DataSource database = postgres.getPostgresDatabase();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            migrate(url);
            System.out.println("PostgreSQL settings of the test cluster: " + settings(database));
            List<Result> results = new ArrayList<>();
            for (int instances : instanceCounts) {
                results.addAll(importWith(instances, url, database, csv, bad, dir, ""));
            }
            if (Boolean.getBoolean("bench.statements")) {
                printStatements(database, "Intake's import");
            }
            Baselines.Rates baselines = baselines(database, csv);
            if (Boolean.getBoolean("bench.statements")) {
                printStatements(database, "the baselines");
            }
            report("the embedded test cluster", results, baselines);
            first = new Measured(action, results.get(0).rowsPerSecond, baselines, cold ? results.get(1).rowsPerSecond
                    : null, null, null);
        }
        if (withDefaults) {
            Measured onDefaults = measureOnPostgresDefaults(csv, bad, dir);
            first = new Measured(first.action, first.rowsPerSecond, first.baselines, first.secondRate,
                    onDefaults.rowsPerSecond, onDefaults.baselines);
        }
        return first;
    }

    /** Every baseline of the action on one cluster, each into a fresh copy of the contact table. */
    private Baselines.Rates baselines(DataSource database, Path csv) throws Exception {
        BenchFile.insertAccounts(database, "baseline", ACCOUNTS);
        double copy = Baselines.copy(database, csv);
        double jdbc = baseline(database, csv, true);
        double withoutKey = baseline(database, csv, false);
        double rowWise = Baselines.rowWise(database, csv, "baseline", true, action);
        double setBased = Baselines.setBased(database, csv, "baseline", true, action);
        return new Baselines.Rates(rows / copy, rows / jdbc, rows / withoutKey, rows / rowWise, rows / setBased);
    }

    /**
     * One instance again, on a fresh cluster with PostgreSQL's own defaults: the embedded library starts its
     * server with fsync off (-F), synchronous_commit off and 300 connections; here the later -c options put the
     * defaults back, as a stock installation has them. Its baselines are timed on that cluster too.
     */
    private Measured measureOnPostgresDefaults(Path csv, int bad, Path dir) throws Exception {
        EmbeddedPostgres.Builder stock = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "100");
        try (EmbeddedPostgres postgres = stock.start()) {
            DataSource database = postgres.getPostgresDatabase();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            migrate(url);
            System.out.println("PostgreSQL settings of the cluster with PostgreSQL's defaults: " + settings(database));
            List<Result> results = importWith(1, url, database, csv, bad, dir, ", PostgreSQL defaults");
            Baselines.Rates baselines = baselines(database, csv);
            report("PostgreSQL's default settings", results, baselines);
            return new Measured(action, results.get(0).rowsPerSecond, baselines, null, null, null);
        }
    }

    /** Seconds for batched JDBC to do the same work: insert, update by ID, or insert … on conflict do update. */
    private double baseline(DataSource database, Path csv, boolean foreignKey) throws Exception {
        return switch (action) {
            case CREATE -> Baselines.batchedJdbc(database, csv, "baseline", foreignKey);
            case UPDATE -> Baselines.batchedUpdate(database, csv, "baseline", foreignKey);
            case UPSERT -> Baselines.batchedUpsert(database, csv, "baseline", foreignKey);
        };
    }

    private static String label(int instances, String suffix) {
        return "Intake, " + instances + (instances == 1 ? " instance" : " instances") + suffix;
    }

    /** The settings that matter here, as the server runs with them. */
    private static String settings(DataSource database) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select name, setting, unit from pg_settings where name = any(?) order by name")) {
            select.setArray(1, connection.createArrayOf("text", SETTINGS.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    text.append(text.length() == 0 ? "" : ", ").append(row.getString("name")).append('=')
                            .append(row.getString("setting")).append(row.getString("unit") == null ? "" : row.getString("unit"));
                }
            }
        }
        return text.toString();
    }

    private record Result(int instances, double rowsPerSecond, long peakHeapMiB, double statusMedianMs,
            double statusMaxMs, double longestProgressGapSeconds, long gapAfterRows, double smallBatchSeconds, long successes,
            long contactsInTable, long failures, int expectedFailures, String phases, double[] cpuMicrosPerRow,
            String label) {
    }

    /**
     * Starts the instances and imports the file once, timed; a cold run then imports it again on the same
     * server, the contacts set back as they were, for the rate the same server reaches once warm.
     */
    private List<Result> importWith(int instances, String url, DataSource database, Path csv, int bad, Path dir,
            String suffix) throws Exception {
        reset(database);
        String organisation = "bench-" + instances;
        BenchFile.insertAccounts(database, organisation, ACCOUNTS);
        action.insertExisting(database, "contact", organisation, rows, BenchAction.Population.TIMED);
        List<PackagedServer> servers = new ArrayList<>();
        List<Path> gcLogs = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                Path gcLog = dir.resolve("gc-" + instances + "-" + i + ".log");
                gcLogs.add(gcLog);
                servers.add(server("bench-" + instances + "-" + i, url, gcLog));
            }
            String admin = PackagedServer.token("ada", organisation, "import-admin", "contacts-writer");
            PackagedServer first = servers.get(0);
            warmUp(database, first, dir, instances);
            long mappingSuccesses = 0;
            if (mappedHeaders) {
                mappingSuccesses = saveMapping(first, admin, dir);
                csv = BenchFile.write(dir, "contacts-mapped.csv", rows, ACCOUNTS, "user", true);
            }
            Path upload = BenchFile.convert(csv, format);
            String label = label(instances, suffix);
            List<Result> results = new ArrayList<>();
            results.add(timedImport(servers, gcLogs, database, admin, upload, bad, dir, mappingSuccesses,
                    cold ? label + ", the server's first import" : label));
            if (cold) {
                try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("truncate contact");
                    statement.execute("vacuum analyze contact");
                }
                action.insertExisting(database, "contact", organisation, rows, BenchAction.Population.TIMED);
                results.add(timedImport(servers, gcLogs, database, admin, upload, bad, dir, 0,
                        label + ", the same server's second import"));
            }
            return results;
        } finally {
            servers.forEach(PackagedServer::stop);
        }
    }

    private Result timedImport(List<PackagedServer> servers, List<Path> gcLogs, DataSource database, String admin,
            Path upload, int bad, Path dir, long mappingSuccesses, String label) throws Exception {
        String organisation = organisationOf(admin);
        PackagedServer first = servers.get(0);
        List<Long> pids = servers.stream().map(PackagedServer::pid).toList();
        ProcessHandle postmaster = CpuClock.postmaster(database);
        CpuClock cpuAtStart = CpuClock.read(pids, postmaster);
        long start = System.nanoTime();
        String id = first.uploadAccepted(admin, action.template(), upload);
        Progress progress = watch(first, admin, id, dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] cpu = CpuClock.read(pids, postmaster).microsPerRow(cpuAtStart, rows);
        long contacts = action.changedInTable(database, organisation);
        if (progress.failures != bad) {
            printUnexpectedFailures(database, id);
        }
        return new Result(servers.size(), rows / seconds, HeapSampler.peakMiB(gcLogs), progress.median(), progress.max(),
                progress.longestGap, progress.gapAfterRows, progress.smallBatchSeconds, progress.successes,
                action == BenchAction.CREATE ? contacts - progress.smallBatchSuccesses - mappingSuccesses : contacts,
                progress.failures, bad, phases(database, id), cpu, label);
    }

    /**
     * Imports a smaller file first, as a long-running server would have done before: the JIT compiler works for
     * the first minute of a new JVM, on the same two cores. Its rows run the same mutation in another
     * organisation, so that an update run is measured on a server that has run updates.
     */
    private void warmUp(DataSource database, PackagedServer server, Path dir, int instances) throws Exception {
        if (warmup <= 0) {
            return;
        }
        String organisation = "warm-up-" + instances;
        BenchFile.insertAccounts(database, organisation, ACCOUNTS);
        action.insertExisting(database, "contact", organisation, warmup, BenchAction.Population.WARM_UP);
        String token = PackagedServer.token("wes", organisation, "import-admin", "contacts-writer");
        String id = server.uploadAccepted(token, action.template(),
                action.write(dir, "warm-up.csv", warmup, ACCOUNTS, BenchAction.Population.WARM_UP));
        while (!isFinal(batch(server, token, id).get("status"))) {
            Thread.sleep(500);
        }
    }

    /**
     * Untimed: uploads a small file with the renamed headers, which waits in MAPPING, and maps it with save, so
     * that the timed file's columns are mapped from the saved mapping. Answers the rows it imported.
     */
    private long saveMapping(PackagedServer server, String admin, Path dir) throws Exception {
        String id = server.uploadAccepted(admin, "createContact", BenchFile.write(dir, "to-map.csv", 20, ACCOUNTS,
                "mapping", true));
        while (!batch(server, admin, id).get("status").equals("MAPPING")) {
            Thread.sleep(200);
        }
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < BenchFile.MAPPED_FIELDS.size(); i++) {
            columns.append(i == 0 ? "" : ",").append("{\"column\":").append(i + 1).append(",\"field\":\"")
                    .append(BenchFile.MAPPED_FIELDS.get(i)).append("\"}");
        }
        String body = "{\"query\":\"mutation($id: ID!, $input: MapColumnsInput!) { mapColumns(id: $id, input: $input) "
                + "{ status } }\",\"variables\":{\"id\":\"" + id + "\",\"input\":{\"save\":true,\"columns\":["
                + columns + "]}}}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/graphql")))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (!response.body().contains("\"VALIDATING\"")) {
            throw new IllegalStateException("The mapping was refused: " + response.body());
        }
        Map<String, String> batch = batch(server, admin, id);
        while (!isFinal(batch.get("status"))) {
            Thread.sleep(200);
            batch = batch(server, admin, id);
        }
        return Long.parseLong(batch.get("successCount"));
    }

    /** What was seen while the big batch ran. */
    private static final class Progress {
        final List<Double> latenciesMs = new ArrayList<>();
        double longestGap;
        long gapAfterRows;
        double smallBatchSeconds = Double.NaN;
        long successes;
        long failures;
        long smallBatchSuccesses;

        double median() {
            List<Double> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
        }

        double max() {
            return latenciesMs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /**
     * Polls the batch over GraphQL, timing each answer and how long processedRows stands still; when a tenth of
     * the rows are done, another user uploads a small file, timed to its end.
     */
    private Progress watch(PackagedServer server, String admin, String id, Path dir) throws Exception {
        Progress progress = new Progress();
        String other = PackagedServer.token("bob", organisationOf(admin), "import-admin", "contacts-writer");
        long lastProcessed = -1;
        long lastMove = System.nanoTime();
        String smallId = null;
        long smallStart = 0;
        while (true) {
            long asked = System.nanoTime();
            Map<String, String> batch = batch(server, admin, id);
            progress.latenciesMs.add((System.nanoTime() - asked) / 1e6);
            String status = batch.get("status");
            long processed = Long.parseLong(batch.getOrDefault("processedRows", "0"));
            if (processed != lastProcessed) {
                double gap = (System.nanoTime() - lastMove) / 1e9;
                if (status.equals("PROCESSING") && lastProcessed > 0 && gap > progress.longestGap) {
                    progress.longestGap = gap;
                    progress.gapAfterRows = lastProcessed;
                }
                lastProcessed = processed;
                lastMove = System.nanoTime();
            }
            if (smallId == null && processed >= rows / 10) {
                smallStart = System.nanoTime();
                smallId = server.uploadAccepted(other, "createContact",
                        BenchFile.write(dir, "small.csv", 200, ACCOUNTS, "small"));
            }
            if (smallId != null && Double.isNaN(progress.smallBatchSeconds)) {
                Map<String, String> small = batch(server, other, smallId);
                if (isFinal(small.get("status"))) {
                    progress.smallBatchSeconds = (System.nanoTime() - smallStart) / 1e9;
                    progress.smallBatchSuccesses = Long.parseLong(small.get("successCount"));
                }
            }
            if (isFinal(status)) {
                progress.successes = Long.parseLong(batch.get("successCount"));
                progress.failures = Long.parseLong(batch.get("errorCount"));
                return progress;
            }
            Thread.sleep(200);
        }
    }

    private static String organisationOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        Matcher org = Pattern.compile("\"org\":\"([^\"]+)\"").matcher(payload);
        return org.find() ? org.group(1) : "";
    }

    private static boolean isFinal(String status) {
        return List.of("COMPLETED", "PARTIAL_SUCCESS", "FAILED", "VALIDATION_FAILED", "CANCELLED").contains(status);
    }

    /** A batch's status and counts, asked over GraphQL; the remote benchmark asks the same. */
    static Map<String, String> batch(PackagedServer server, String token, String id) throws Exception {
        String body = "{\"query\":\"query($id: ID!) { importBatch(id: $id) { status processedRows successCount errorCount"
                + " unknownCount } }\","
                + "\"variables\":{\"id\":\"" + id + "\"}}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/graphql")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher field = FIELD.matcher(response.body());
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        if (!fields.containsKey("status")) {
            throw new IllegalStateException("Unexpected answer: " + response.body());
        }
        return fields;
    }

    private PackagedServer server(String name, String url, Path gcLog) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + xmx));
        if (nativeExecutable.isEmpty()) {
            options.add(HeapSampler.option(gcLog));
            options.addAll(List.of(gc.strip().split("\\s+")));
        }
        String extra = System.getProperty("bench.jvm", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        Map<String, String> properties = new java.util.HashMap<>(PackagedServer.trustDevKey());
        properties.putAll(Map.of(
                "intake.worker.threads", Integer.toString(threads),
                "intake.worker.chunk-size", Integer.toString(chunkSize),
                "quarkus.log.category.\"dev.intake\".level", "WARN"));
        Map<String, String> environment = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", url,
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres");
        return nativeExecutable.isEmpty() ? PackagedServer.start(name, options, properties, environment)
                : PackagedServer.startExecutable(name, Path.of(nativeExecutable), options, properties, environment);
    }

    private void migrate(String url) {
        server("bench-migrate", url, PackagedServer.MODULE.resolve(Path.of("target", "bench-migrate-gc.log"))).stop();
    }

    /** How long the batch spent uploading, validating and staging, and running rows, from its events. */
    private static String phases(DataSource database, String id) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select b.created_at, min(e.at) filter (where e.status = 'VALIDATING') as validating,
                               min(e.at) filter (where e.status = 'PROCESSING') as processing, b.ended_at
                        from intake.import_batch b join intake.import_batch_event e on e.batch_id = b.id
                        where b.id = cast(? as uuid) group by b.id""")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long created = row.getTimestamp(1).getTime();
                long validating = row.getTimestamp(2).getTime();
                long processing = row.getTimestamp(3).getTime();
                long ended = row.getTimestamp(4).getTime();
                return String.format(Locale.ROOT, "waiting %.1f s, validating and staging %.1f s, running rows %.1f s "
                        + "(%,.0f rows/s)", (validating - created) / 1e3, (processing - validating) / 1e3,
                        (ended - processing) / 1e3, 1e3 * count(database, "select count(*) from intake.import_outcome where "
                                + "batch_id = cast(? as uuid)", id) / Math.max(1, ended - processing))
                        + ramp(connection, id, processing);
            }
        }
    }

    /**
     * The running phase's rate in each fifth of its rows, by when their chunks finished: whether the first rows ran
     * slower than the last, as while a new JVM's compiler is at work.
     */
    private static String ramp(Connection connection, String id, long processing) throws Exception {
        List<long[]> chunks = new ArrayList<>();
        long total = 0;
        try (PreparedStatement select = connection.prepareStatement("select finished_at, row_count from intake.import_chunk "
                + "where batch_id = cast(? as uuid) order by finished_at")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    chunks.add(new long[] {row.getTimestamp(1).getTime(), row.getLong(2)});
                    total += row.getLong(2);
                }
            }
        }
        StringBuilder text = new StringBuilder("; by fifths of the rows:");
        long done = 0;
        long from = processing;
        long counted = 0;
        int fifth = 1;
        for (long[] chunk : chunks) {
            done += chunk[1];
            counted += chunk[1];
            if (done * 5 >= total * fifth) {
                text.append(String.format(Locale.ROOT, " %,.0f", 1e3 * counted / Math.max(1, chunk[0] - from)));
                from = chunk[0];
                counted = 0;
                fifth++;
            }
        }
        return text.append(" rows/s").toString();
    }

    /** The statements that took PostgreSQL longest since the last print (or the import's reset), then a reset. */
    private static void printStatements(DataSource database, String since) throws Exception {
        System.out.printf(Locale.ROOT, "%nPostgreSQL's longest statements, %s:%n", since);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select calls, round(total_exec_time) as ms, left(query, 150) "
                    + "from pg_stat_statements order by total_exec_time desc limit 15")) {
                while (rows.next()) {
                    System.out.printf(Locale.ROOT, "%,10d calls %,8d ms  %s%n", rows.getLong(1), rows.getLong(2),
                            rows.getString(3).replaceAll("\\s+", " "));
                }
            }
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    private static void reset(DataSource database) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate contact, intake.import_outcome, intake.import_row, intake.import_chunk, intake.import_file_part, "
                    + "intake.import_batch_event, intake.import_row_image, intake.import_undo, intake.import_undo_chunk, "
                    + "intake.import_undo_preview, intake.import_rollback_preview, intake.import_batch cascade");
            statement.execute("vacuum analyze");
            if (Boolean.getBoolean("bench.statements")) {
                statement.execute("create extension if not exists pg_stat_statements");
                statement.execute("select pg_stat_statements_reset()");
            }
        }
    }

    /** The failed rows the file did not make bad on purpose, so that a count mismatch says what went wrong. */
    private static void printUnexpectedFailures(DataSource database, String id) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select row_number, error_type, message from intake.import_outcome where batch_id = ?::uuid and not success "
                        + "order by row_number")) {
            select.setString(1, id);
            try (ResultSet result = select.executeQuery()) {
                int shown = 0;
                while (result.next() && shown < 10) {
                    long row = result.getLong("row_number");
                    if (!BenchFile.isBad((int) row - 1)) {
                        System.out.printf(Locale.ROOT, "    unexpected failure: row %d, %s: %s%n", row,
                                result.getString("error_type"), result.getString("message"));
                        shown++;
                    }
                }
            }
        }
    }

    private static long count(DataSource database, String sql, String parameter) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void report(String cluster, List<Result> results, Baselines.Rates baselines) {
        double copyRate = baselines.copy();
        double jdbcRate = baselines.batchedJdbc();
        double withoutKeyRate = baselines.withoutKey();
        System.out.printf(Locale.ROOT, "%nOn %s:%n", cluster);
        System.out.printf(Locale.ROOT, "%-34s %,12.0f rows/s%n", "COPY into a staging table", copyRate);
        System.out.printf(Locale.ROOT, "%-34s %,12.0f rows/s%n", switch (action) {
            case CREATE -> "row-wise: multi-row insert";
            case UPDATE -> "row-wise: update from unnest";
            case UPSERT -> "row-wise: multi-row on conflict";
        }, baselines.rowWise());
        System.out.printf(Locale.ROOT, "%-34s %,12.0f rows/s%n", "set-based: COPY, then one statement",
                baselines.setBased());
        System.out.printf(Locale.ROOT, "%-34s %,12.0f rows/s%n", switch (action) {
            case CREATE -> "batched JDBC insert";
            case UPDATE -> "batched JDBC update by ID";
            case UPSERT -> "batched JDBC insert … on conflict";
        }, jdbcRate);
        System.out.printf(Locale.ROOT, "%-34s %,12.0f rows/s%n", "  the same, no foreign key", withoutKeyRate);
        Result single = results.get(0);
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "%-34s %,12.0f rows/s  (%.2f of the row-wise loader, %.2f of the set-based"
                    + " ceiling, %.3f of COPY, %.2f of batched JDBC, %.2f of it without the foreign key%s)%n",
                    result.label, result.rowsPerSecond, result.rowsPerSecond / baselines.rowWise(),
                    result.rowsPerSecond / baselines.setBased(), result.rowsPerSecond / copyRate,
                    result.rowsPerSecond / jdbcRate, result.rowsPerSecond / withoutKeyRate,
                    result.instances == single.instances ? "" : String.format(Locale.ROOT, ", %.2fx of 1 instance",
                            result.rowsPerSecond / single.rowsPerSecond));
            System.out.printf(Locale.ROOT, "    %s; importBatch median %.1f ms, max %.1f ms; "
                    + "processedRows moved at least every %.1f s (longest wait after %,d rows); a 200-row batch from another user finished in %.1f s%n",
                    nativeExecutable.isEmpty() ? String.format(Locale.ROOT, "peak heap %d MiB (-Xmx%s)", result.peakHeapMiB, xmx)
                            : "peak heap not read (a native executable writes no GC log)", result.statusMedianMs, result.statusMaxMs, result.longestProgressGapSeconds,
                    result.gapAfterRows, result.smallBatchSeconds);
            System.out.println("    " + result.phases);
            double cores = (result.cpuMicrosPerRow[0] + result.cpuMicrosPerRow[1]) * result.rowsPerSecond / 1e6;
            System.out.printf(Locale.ROOT, "    CPU per row: %.1f µs in the server%s, %.1f µs in PostgreSQL (%.2f cores busy "
                    + "on average)%n", result.cpuMicrosPerRow[0], result.instances == 1 ? "" : "s",
                    result.cpuMicrosPerRow[1], cores);
            boolean countsHold = result.successes == result.contactsInTable && result.failures == result.expectedFailures
                    && result.successes + result.failures == rows;
            System.out.printf(Locale.ROOT, "    checked: contacts %s in the table %,d = successCount %,d; errorCount %,d = bad "
                    + "rows %,d: %s%n", action == BenchAction.CREATE ? "created" : "changed or created", result.contactsInTable, result.successes, result.failures, result.expectedFailures,
                    countsHold ? "OK" : "MISMATCH");
            if (!countsHold) {
                throw new IllegalStateException("The counts do not hold");
            }
        }
    }

    private static List<Integer> parse(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
