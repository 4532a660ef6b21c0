package dev.intake.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.intake.fixtures.CrmApi;
import dev.intake.support.PackagedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * {@code -Dbench.target=remote}: creates into the CRM the remote-target tests use (Apollo Server on Node.js), through
 * a packaged Intake, against two baselines in the same run with the same request shape (one row per request, the same
 * mutation, variables and headers): a plain client sending at the same concurrency, and one request at a time, as
 * CSV-to-GraphQL scripts do. It reports the rates, the CPU per row of Intake and of the target, and Intake's peak heap.
 */
final class RemoteBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DOCUMENT = "mutation Import($input: CreateContactInput!) { createContact(input: $input)"
            + " { contact { id } userErrors { message field } } }";

    private final int rows = Integer.getInteger("bench.rows", 100_000);
    private final int concurrency = Integer.getInteger("bench.concurrency", 8);
    private final int sequentialRows = Integer.getInteger("bench.sequential-rows", 2_000);
    /** How long the target holds each answer: a network between Intake and the API, as a remote API has. */
    private final int latencyMs = Integer.getInteger("bench.latency-ms", 10);
    private final int warmup = Integer.getInteger("bench.warmup", 10_000);
    private final String xmx = System.getProperty("bench.xmx", "256m");

    void run() throws Exception {
        Path dir = Files.createTempDirectory("intake-remote-bench");
        System.out.printf(Locale.ROOT, "%nRemote benchmark: %,d createContact rows into the CRM of the tests (Apollo"
                + " Server 5 on Node.js %s), one row per request, %d in flight, answers held %d ms, %d cores; Intake"
                + " -Xmx%s, warmed up with %,d rows%n", rows, nodeVersion(), concurrency, latencyMs,
                Runtime.getRuntime().availableProcessors(), xmx, warmup);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start(); CrmApi crm = CrmApi.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            if (latencyMs > 0) {
                crm.control("faults", "{\"delayMs\": " + latencyMs + "}");
            }
            Path gcLog = dir.resolve("gc.log");
            List<String> options = new ArrayList<>(List.of("-Xmx" + xmx, HeapSampler.option(gcLog), "-XX:+UseParallelGC"));
            String extra = System.getProperty("bench.jvm", "");
            if (!extra.isBlank()) {
                options.addAll(List.of(extra.strip().split("\\s+")));
            }
            PackagedServer server = PackagedServer.start("bench-remote", options, properties(crm), Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", url,
                            "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres"));
            double intakeRate;
            double[] intakeCpu;
            long peakHeap;
            double[] inFlight;
            try {
                String token = PackagedServer.token("ada", "bench-remote", "import-admin");
                if (warmup > 0) {
                    importAll(server, token, write(server, token, dir, "warmup.csv", warmup, "warm"), warmup);
                }
                Path csv = write(server, token, dir, "contacts.csv", rows, "intake");
                CpuClock.Pair before = cpu(server.pid(), crm.pid());
                int from = tenthNow(crm);
                long start = System.nanoTime();
                importAll(server, token, csv, rows);
                intakeRate = rows / ((System.nanoTime() - start) / 1e9);
                inFlight = inFlight(crm, from);
                intakeCpu = cpu(server.pid(), crm.pid()).perRow(before, rows);
                peakHeap = HeapSampler.peakMiB(List.of(gcLog));
            } finally {
                server.stop();
            }
            CpuClock.Pair before = cpu(ProcessHandle.current().pid(), crm.pid());
            double plainRate = plain(crm, "plain", rows, concurrency);
            double[] plainCpu = cpu(ProcessHandle.current().pid(), crm.pid()).perRow(before, rows);
            double sequentialRate = plain(crm, "sequential", sequentialRows, 1);
            double wideRate = plain(crm, "wide", sequentialRows * 2, concurrency * 2);
            System.out.printf(Locale.ROOT, "%n| sender | rows | rows/s | CPU per row, sender + target |%n|---|---|---|---|%n");
            System.out.printf(Locale.ROOT, "| Intake, %d in flight | %,d | %,.0f | %.1f + %.1f µs |%n", concurrency, rows,
                    intakeRate, intakeCpu[0], intakeCpu[1]);
            System.out.printf(Locale.ROOT, "| plain Java client, %d in flight | %,d | %,.0f | %.1f + %.1f µs |%n",
                    concurrency, rows, plainRate, plainCpu[0], plainCpu[1]);
            System.out.printf(Locale.ROOT, "| one request at a time | %,d | %,.0f | |%n", sequentialRows, sequentialRate);
            System.out.printf(Locale.ROOT, "| plain Java client, %d in flight (the target's own limit) | %,d | %,.0f | |%n",
                    concurrency * 2, sequentialRows * 2, wideRate);
            System.out.printf(Locale.ROOT, "%nWhat the target saw of Intake: at most %.1f mutations in flight in a"
                    + " tenth of a second on average, %.0f%% of the tenths at %d%n", inFlight[0], inFlight[1] * 100,
                    concurrency);
            System.out.printf(Locale.ROOT, "%nIntake: %.2f× the plain client (goal 0.8×), %.1f× one request at a time"
                    + " (goal 5×); peak heap %d MiB%n", intakeRate / plainRate, intakeRate / sequentialRate, peakHeap);
        }
    }

    /** The CRM's clock, in the tenths of a second its concurrency report counts. */
    private static int tenthNow(CrmApi crm) throws Exception {
        java.util.regex.Matcher now = java.util.regex.Pattern.compile("\"now\":(\\d+)").matcher(crm.read("concurrency"));
        return now.find() ? Integer.parseInt(now.group(1)) : 0;
    }

    /**
     * From the CRM's side, since a tenth of a second: the mean of the most mutations in flight in each tenth, and the
     * share of tenths at the full concurrency.
     */
    private double[] inFlight(CrmApi crm, int from) throws Exception {
        java.util.regex.Matcher windows = java.util.regex.Pattern.compile("\"(\\d+)\":(\\d+)")
                .matcher(crm.read("concurrency"));
        long sum = 0;
        int count = 0;
        int full = 0;
        while (windows.find()) {
            if (Integer.parseInt(windows.group(1)) >= from) {
                int most = Integer.parseInt(windows.group(2));
                sum += most;
                count++;
                full += most >= concurrency ? 1 : 0;
            }
        }
        return count == 0 ? new double[] {0, 0} : new double[] {(double) sum / count, (double) full / count};
    }

    private static String nodeVersion() {
        try {
            Process node = new ProcessBuilder("node", "--version").start();
            return new String(node.getInputStream().readAllBytes()).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private Map<String, String> properties(CrmApi crm) {
        Map<String, String> properties = new java.util.HashMap<>(PackagedServer.trustDevKey());
        properties.putAll(Map.of("intake.targets.crm.url", crm.url("/graphql"),
                "intake.targets.crm.overlay", CrmApi.OVERLAY.toString(),
                "intake.targets.crm.max-concurrency", Integer.toString(concurrency),
                "quarkus.log.category.\"dev.intake\".level", "WARN"));
        return properties;
    }

    /** A file of the template's four header rows and {@code count} contacts, without lookups. */
    private static Path write(PackagedServer server, String token, Path dir, String name, int count, String prefix)
            throws Exception {
        String template = server.get(token, "/imports/templates/crm.createContact.csv");
        String[] header = template.split("\r?\n");
        List<String> references = List.of(header[1].split(",", -1));
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            csv.append(header[i]).append("\r\n");
        }
        for (int i = 0; i < count; i++) {
            List<String> cells = new ArrayList<>();
            for (String reference : references) {
                cells.add(reference.equals("input/email") ? prefix + i + "@example.com"
                        : reference.equals("input/firstName") ? prefix + i : "");
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static void importAll(PackagedServer server, String token, Path file, int count) throws Exception {
        String id = server.uploadAccepted(token, "crm.createContact", file);
        while (true) {
            Map<String, String> batch = ImportBenchmark.batch(server, token, id);
            if (List.of("COMPLETED", "PARTIAL_SUCCESS", "FAILED", "CANCELLED").contains(batch.get("status"))) {
                if (!String.valueOf(count).equals(batch.get("successCount"))) {
                    throw new IllegalStateException("Not every row was imported: " + batch);
                }
                return;
            }
            Thread.sleep(200);
        }
    }

    /**
     * A plain client: the same mutation, variables and headers as Intake sends, {@code threads} requests in flight;
     * answers its rate. Every answer must carry the new contact's ID.
     */
    private static double plain(CrmApi crm, String prefix, int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        URI uri = URI.create(crm.url("/graphql"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            senders.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String body = "{\"query\":\"" + DOCUMENT + "\",\"variables\":{\"input\":{\"email\":\"" + prefix + i
                            + "@example.com\",\"firstName\":\"" + prefix + i + "\"}}}";
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/graphql-response+json, application/json;q=0.9")
                            .header("X-Intake-User", "ada").header("X-Intake-Organisation", "bench-remote")
                            .header("Idempotency-Key", prefix + "-" + i)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (!response.body().contains("\"id\":\"Contact:")) {
                        throw new IllegalStateException("Row " + i + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get();
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        pool.shutdown();
        return rate;
    }

    private static CpuClock.Pair cpu(long sender, long target) {
        return new CpuClock.Pair(cpuOf(sender), cpuOf(target));
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }
}
