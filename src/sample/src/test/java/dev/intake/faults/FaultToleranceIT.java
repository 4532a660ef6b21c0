package dev.intake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.intake.bench.BenchFile;
import dev.intake.fixtures.CrmApi;
import dev.intake.support.GraphQLWebSocket;
import dev.intake.support.PackagedServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Exactly once per row, whatever happens to the server or the database: the packaged server is killed with
 * SIGKILL while it stages, runs and finishes a batch, two servers share three batches, and the database goes
 * away for ten seconds. Every batch ends with one record per good row and counts equal to the table.
 */
class FaultToleranceIT {

    private static final int ACCOUNTS = 100;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern FIELD = Pattern.compile(
            "\"(status|processedRows|totalRows|successCount|errorCount|unknownCount)\":\"?(\\w+)\"?");

    @TempDir
    static Path work;

    private static Path dataDir;
    private static int port;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void shared_database() throws IOException {
        dataDir = Files.createDirectories(work.resolve("postgres"));
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
        port = postgres.getPort();
        PackagedServer.start("faults-migrate", properties(Map.of()), environment()).stop();
    }

    @AfterAll
    static void stop_database() throws IOException {
        postgres.close();
    }

    /**
     * One 100k-row batch survives three crashes: the server is killed while it stages the file, then its successor
     * while it runs rows, then the next while it finishes the batch; a fourth server completes it. Then its rollback
     * survives a fourth crash.
     */
    @Test
    void killed_while_staging_running_and_finishing_a_batch_still_imports_every_row_once() throws Exception {
        int rows = 100_000;
        String organisation = "faults-kills";
        BenchFile.insertAccounts(database(), organisation, ACCOUNTS);
        String token = PackagedServer.token("kim", organisation, "import-admin", "contacts-writer");
        Map<String, String> slowToFinish = Map.of("intake.worker.finish-delay", "10s");
        PackagedServer server = PackagedServer.start("faults-kill-1", properties(slowToFinish), environment());
        String id = server.uploadAccepted(token, "createContact",
                BenchFile.write(work, "kills.csv", rows, ACCOUNTS, "kills-"));

        server = killAndSucceed(server, token, id, "staging", batch -> batch.get("status").equals("VALIDATING"),
                "faults-kill-2", slowToFinish);
        server = killAndSucceed(server, token, id, "processing", batch -> batch.get("status").equals("PROCESSING")
                && Long.parseLong(batch.get("processedRows")) >= rows / 4, "faults-kill-3", slowToFinish);
        server = killAndSucceed(server, token, id, "finishing", batch -> batch.get("status").equals("PROCESSING")
                && batch.get("processedRows").equals(batch.get("totalRows")), "faults-kill-4", Map.of());
        try {
            assertExactlyOnce(awaitFinal(server, token, id), id, rows);
            assertEquals(rows - BenchFile.badRows(rows), count("select count(*) from contact where organisation = ?",
                    organisation), "one record per good row");
            server = rollBackKilledOnce(server, token, id, rows - BenchFile.badRows(rows), organisation);
        } finally {
            server.stop();
        }
    }

    /**
     * A set of an accounts file and a contacts file naming those accounts: the server is killed while the accounts
     * batch finishes, before the contacts batch may start. Its successor ends the accounts batch, then runs the
     * contacts: every account and every contact is imported once.
     */
    @Test
    void killed_between_the_two_files_of_a_set_the_set_goes_on_exactly_once() throws Exception {
        int accounts = 20;
        int rows = 5_000;
        String organisation = "faults-set";
        String token = PackagedServer.token("sol", organisation, "import-admin", "contacts-writer",
                "accounts-writer");
        StringBuilder accountFile = new StringBuilder("name\r\n");
        for (int n = 1; n <= accounts; n++) {
            accountFile.append(BenchFile.accountName(n)).append("\r\n");
        }
        Path accountsCsv = Files.writeString(work.resolve("set-accounts.csv"), accountFile);
        Path contactsCsv = BenchFile.write(work, "set-contacts.csv", rows, accounts, "set-");
        Map<String, String> slowToFinish = Map.of("intake.worker.finish-delay", "10s");
        PackagedServer server = PackagedServer.start("faults-set-1", properties(slowToFinish), environment());
        String setId;
        try {
            setId = uploadSet(server, token, List.of(contactsCsv, accountsCsv), List.of("createContact",
                    "createAccount"));
        } catch (Exception | AssertionError e) {
            server.stop();
            throw e;
        }
        List<String> batches = setBatchIds(server.get(token, "/imports/sets/" + setId));
        String accountsBatch = batches.get(0);
        String contactsBatch = batches.get(1);
        await(server, token, accountsBatch, batch -> batch.get("status").equals("PROCESSING")
                && batch.get("processedRows").equals(batch.get("totalRows")));
        assertEquals("PENDING", batch(server, token, contactsBatch).get("status"), "the contacts wait");
        server.kill();
        PackagedServer successor = PackagedServer.start("faults-set-2", properties(Map.of()), environment());
        try {
            assertEquals("COMPLETED", awaitFinal(successor, token, accountsBatch).get("status"));
            Map<String, String> contacts = awaitFinal(successor, token, contactsBatch);
            assertEquals(String.valueOf(rows - BenchFile.badRows(rows)), contacts.get("successCount"),
                    contacts + "\n" + successor.log());
            assertEquals(accounts, count("select count(*) from account where organisation = ?", organisation),
                    "each account once");
            assertEquals(rows - BenchFile.badRows(rows), count("select count(*) from contact where organisation = ?",
                    organisation), "each contact once");
            assertEquals(rows, count("select count(*) from intake.import_outcome where batch_id = cast(? as uuid)",
                    contactsBatch), "one outcome per row");
        } finally {
            successor.stop();
        }
    }

    /** Uploads the files as one set, each with its template; answers the set's ID. */
    private static String uploadSet(PackagedServer server, String token, List<Path> files, List<String> templates)
            throws Exception {
        String boundary = "set" + java.util.UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                    .append(files.get(i).getFileName()).append("\"\r\nContent-Type: text/csv\r\n\r\n")
                    .append(Files.readString(files.get(i))).append("\r\n");
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"template\"\r\n\r\n")
                    .append(templates.get(i)).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/imports/sets")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("^\\{\"id\":\"([^\"]+)\"").matcher(response.body());
        assertTrue(response.statusCode() == 202 && id.find(), response.statusCode() + " " + response.body());
        return id.group(1);
    }

    /** The IDs of a set's batches, in run order, from its JSON. */
    private static List<String> setBatchIds(String json) {
        List<String> ids = new ArrayList<>();
        Matcher batch = Pattern.compile("\"batch\":\\{\"id\":\"([^\"]+)\"").matcher(json);
        while (batch.find()) {
            ids.add(batch.group(1));
        }
        assertEquals(2, ids.size(), json);
        return ids;
    }

    /**
     * The same batch, rolled back: the server is killed once a third of its committed rows are undone, and its
     * successor undoes the rest. Every row has one result, UNDONE, and no contact of the batch is left.
     */
    private static PackagedServer rollBackKilledOnce(PackagedServer server, String token, String id, int committed,
            String organisation) throws Exception {
        long started = System.nanoTime();
        String asked = server.graphql(token, "{\"query\": \"mutation { rollbackImport(id: \\\"" + id
                + "\\\") { status } }\"}");
        assertTrue(asked.contains("ROLLING_BACK"), asked);
        String undone = "select count(*) from intake.import_undo where batch_id = cast(? as uuid)";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (count(undone, id) < committed / 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        server.kill();
        long atKill = count(undone, id);
        assertTrue(atKill >= committed / 3 && atKill < committed, "killed with rows left to undo: " + atKill);
        PackagedServer successor = PackagedServer.start("faults-kill-5", properties(Map.of()), environment());
        try {
            Map<String, String> batch = await(successor, token, id, state -> List.of("ROLLED_BACK",
                    "PARTIALLY_ROLLED_BACK").contains(state.get("status")));
            assertEquals("ROLLED_BACK", batch.get("status"), batch + "\n" + successor.log());
            System.out.printf("Rolled back %,d rows in %.1f s, through one kill and a restart%n", committed,
                    (System.nanoTime() - started) / 1e9);
            assertEquals(committed, count(undone + " and result = 'UNDONE'", id), "one result per row, each UNDONE");
            assertEquals(0, count("select count(*) from contact where organisation = ?", organisation),
                    "every record the batch created is deleted, and none twice (a second would find none and keep)");
            return successor;
        } catch (Exception | AssertionError e) {
            successor.stop();
            throw e;
        }
    }

    @Test
    void two_instances_share_three_batches_and_process_no_row_twice() throws Exception {
        String organisation = "faults-two-instances";
        BenchFile.insertAccounts(database(), organisation, ACCOUNTS);
        PackagedServer first = PackagedServer.start("faults-two-a", properties(Map.of()), environment());
        PackagedServer second = PackagedServer.start("faults-two-b", properties(Map.of()), environment());
        try {
            String token = PackagedServer.token("tia", organisation, "import-admin", "contacts-writer");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path file = BenchFile.write(work, "three-" + i + ".csv", 15_000, ACCOUNTS, "three" + i + "-");
                ids.add((i % 2 == 0 ? first : second).uploadAccepted(token, "createContact", file));
            }
            for (String id : ids) {
                Map<String, String> batch = awaitFinal(first, token, id);
                assertExactlyOnce(batch, id, 15_000);
            }
            assertEquals(3 * (15_000 - BenchFile.badRows(15_000)), count("select count(*) from contact where organisation = ?",
                    organisation), "one record per good row of the three files");
            assertEquals(2, count("select count(distinct processed_by) from intake.import_chunk c join intake.import_batch b on "
                    + "b.id = c.batch_id where b.organisation = ?", organisation), "both instances took chunks");
        } finally {
            first.stop();
            second.stop();
        }
    }

    /**
     * Progress travels through PostgreSQL: a subscriber connected to one instance follows, to its end, a batch that
     * only the other instance's workers run.
     */
    @Test
    void a_subscriber_on_one_instance_follows_a_batch_that_only_the_other_instances_workers_run() throws Exception {
        String organisation = "faults-follow";
        BenchFile.insertAccounts(database(), organisation, ACCOUNTS);
        Vertx vertx = Vertx.vertx();
        int receiverPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            receiverPort = free.getLocalPort();
        }
        Map<String, String> webhooks = Map.of("intake.webhooks.allowed-private-hosts", "127.0.0.1",
                "intake.webhooks.first-retry", "1s", "intake.webhooks.longest-retry", "2s", "intake.webhooks.timeout", "2s");
        // the watching instance neither runs rows nor sends webhooks: only the working one and its restart do
        Map<String, String> watchingSettings = new HashMap<>(webhooks);
        watchingSettings.put("intake.worker.scheduled", "false");
        watchingSettings.put("intake.webhooks.scheduled", "false");
        try (PackagedServer watching = PackagedServer.start("faults-follow-a", properties(watchingSettings), environment());
                PackagedServer working = PackagedServer.start("faults-follow-b", properties(webhooks), environment())) {
            String token = PackagedServer.token("fio", organisation, "import-viewer", "import-admin", "contacts-writer");
            assertTrue(watching.graphql(token, "{\"query\": \"mutation { createWebhook(url: \\\"http://127.0.0.1:"
                    + receiverPort + "/hook\\\") { secret } }\"}").contains("whsec_"), "a webhook whose receiver is down");
            String id = watching.uploadAccepted(token, "createContact",
                    BenchFile.write(work, "followed.csv", 20_000, ACCOUNTS, "followed-"));
            List<JsonObject> states = follow(vertx, watching, token, id);

            JsonObject last = states.get(states.size() - 1);
            assertEquals("PARTIAL_SUCCESS", last.getString("status"), states.toString());
            assertEquals(20_000, last.getInteger("processedRows"));
            assertTrue(states.stream().map(state -> state.getInteger("processedRows"))
                    .filter(rows -> rows > 0 && rows < 20_000).count() >= 2, "progress on the way: " + states);
            assertEquals(1, count("select count(distinct processed_by) from intake.import_chunk where batch_id = "
                    + "cast(? as uuid)", id), "one instance ran the rows");
            assertTrue(text("select min(processed_by) from intake.import_chunk where batch_id = cast(? as uuid)", id)
                    .startsWith("worker " + working.pid() + "@"), "the other instance ran them");

            // the batch's webhook delivery fails while its receiver is down; the instance dies with it pending, and
            // delivers it once restarted
            String delivery = "select %s from intake.webhook_delivery where batch_id = cast(? as uuid)";
            awaitTrue(() -> count(delivery.formatted("coalesce(max(attempts), 0)"), id) >= 1, "a first attempt failed");
            working.kill();
            assertEquals("PENDING", text(delivery.formatted("status"), id), "pending when the instance died");
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", receiverPort), 0);
            receiver.createContext("/hook", exchange -> {
                received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            try (PackagedServer restarted = PackagedServer.start("faults-follow-b2", properties(webhooks), environment())) {
                awaitTrue(() -> "DELIVERED".equals(text(delivery.formatted("status"), id)), "delivered after restart");
                assertEquals(1, received.size(), "delivered once: " + received);
                assertTrue(received.get(0).contains(id) && received.get(0).contains("\"batch.ended\""), received.get(0));
            } finally {
                receiver.stop(0);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits up to a minute for the condition. */
    private static void awaitTrue(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!condition.call()) {
            assertTrue(Instant.now().isBefore(deadline), "within a minute: " + what);
            Thread.sleep(200);
        }
    }

    /** Follows a batch with importBatchChanged until the subscription completes; the states it was sent. */
    private static List<JsonObject> follow(Vertx vertx, PackagedServer server, String token, String id)
            throws Exception {
        return follow(vertx, server, token, id, new CountDownLatch(1));
    }

    /** The same, counting {@code firstState} down when the batch's current state has come. */
    private static List<JsonObject> follow(Vertx vertx, PackagedServer server, String token, String id,
            CountDownLatch firstState) throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, server.port(), token)) {
            assertEquals("connection_ack", socket.init(null).getString("type"));
            socket.subscribe("1", "subscription($id: ID!) { importBatchChanged(id: $id) { status processedRows } }",
                    Map.of("id", id));
            List<JsonObject> states = new ArrayList<>();
            for (JsonObject message = socket.next(); !"complete".equals(message.getString("type"));
                    message = socket.next()) {
                assertEquals("next", message.getString("type"), message.encode());
                states.add(message.getJsonObject("payload").getJsonObject("data").getJsonObject("importBatchChanged"));
                firstState.countDown();
            }
            return states;
        }
    }

    @Test
    void losing_the_database_for_ten_seconds_pauses_the_batch_and_loses_nothing() throws Exception {
        String organisation = "faults-lost-database";
        BenchFile.insertAccounts(database(), organisation, ACCOUNTS);
        PackagedServer server = PackagedServer.start("faults-lost-db", properties(Map.of()), environment());
        Vertx vertx = Vertx.vertx();
        try {
            String token = PackagedServer.token("lea", organisation, "import-admin", "contacts-writer");
            String id = server.uploadAccepted(token, "createContact",
                    BenchFile.write(work, "lost.csv", 50_000, ACCOUNTS, "lost-"));
            await(server, token, id, batch -> Long.parseLong(batch.getOrDefault("processedRows", "0")) >= 2_000);
            CountDownLatch following = new CountDownLatch(1);
            CompletableFuture<List<JsonObject>> followed = CompletableFuture.supplyAsync(() -> {
                try {
                    return follow(vertx, server, token, id, following);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(following.await(30, TimeUnit.SECONDS), "the subscriber got the batch's state before the outage");

            postgres.close();
            Thread.sleep(10_000);
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .start();

            assertExactlyOnce(awaitFinal(server, token, id), id, 50_000);
            assertTrue(server.log().contains("The database is unavailable"), "the workers met the outage mid-batch");
            assertTrue(server.get("/q/health").contains("\"UP\""), "the server recovered");
            List<JsonObject> states = followed.get(60, TimeUnit.SECONDS);
            assertEquals("PARTIAL_SUCCESS", states.get(states.size() - 1).getString("status"), states.toString());
            assertEquals(50_000, states.get(states.size() - 1).getInteger("processedRows"));
            assertTrue(server.log().contains("Listening for batch changes again"), "the subscriber's instance listened "
                    + "again, and sent it the batch's state after the outage");
        } finally {
            server.stop();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A batch cancelled while its rows run ends with the counts of what was committed, and they stay so: the
     * contacts in the table, successCount and the results file's SUCCESS rows agree. Cancelled at different
     * moments, eight times, since a transaction that commits after the cancellation took its counts shows only
     * in some runs.
     */
    @Test
    void a_batch_cancelled_while_it_runs_counts_exactly_what_was_committed() throws Exception {
        int rows = 12_000;
        String organisation = "faults-cancel";
        BenchFile.insertAccounts(database(), organisation, ACCOUNTS);
        String token = PackagedServer.token("cat", organisation, "import-admin", "contacts-writer");
        try (PackagedServer server = PackagedServer.start("faults-cancel", properties(Map.of()), environment())) {
            for (int run = 0; run < 8; run++) {
                String prefix = "cancel" + run + "-";
                String id = server.uploadAccepted(token, "createContact",
                        BenchFile.write(work, "cancel-" + run + ".csv", rows, ACCOUNTS, prefix));
                int after = 500 + run * 700;
                await(server, token, id, batch -> Long.parseLong(batch.getOrDefault("processedRows", "0")) >= after);
                String cancelled = server.graphql(token,
                        "{\"query\": \"mutation { cancelImport(id: \\\"" + id + "\\\") { status } }\"}");
                assertTrue(cancelled.contains("CANCELLED"), cancelled);
                Map<String, String> atCancel = batch(server, token, id);
                Thread.sleep(1500);
                Map<String, String> later = batch(server, token, id);
                long inTable = count("select count(*) from contact where organisation = ? and email_address like '"
                        + prefix + "%'", organisation);
                String results = server.get(token, "/imports/" + id + "/results.csv");
                long successRows = results.lines().filter(line -> line.contains(",SUCCESS,")).count();
                String where = "run " + run + ", cancelled after " + after + " rows: " + atCancel + ", later " + later;
                assertEquals(atCancel, later, "the counts stay where the cancellation put them; " + where);
                assertEquals(inTable, Long.parseLong(later.get("successCount")), where);
                assertEquals(inTable, successRows, "the results file agrees with the table; " + where);
            }
        }
    }

    /**
     * A 20,000-row import into a real GraphQL API over HTTP (Apollo Server), the server killed with SIGKILL while rows
     * are in flight: the target has started answering late, so the rows it is running are marked as sending and
     * their answers have not come. The successor makes them OUTCOME_UNKNOWN and never sends them again; no other row
     * is sent twice, and the counts add up.
     */
    @Test
    void killed_with_rows_in_flight_to_a_remote_api_sends_no_row_twice_and_counts_the_unknown() throws Exception {
        RemoteKill kill = killWithRowsInFlight(CrmApi.OVERLAY, "crm.createContact", "plain", Map.of());
        assertEquals(kill.inFlight(), kill.unknown(), "the rows in flight, and no other: " + kill.batch()
                + "; outcomes of the marked rows: " + kill.markedOutcomes());
        assertEquals(kill.inFlight(), kill.failed(), "no row failed, none as a duplicate: " + kill.exceptions());
        assertEquals(kill.inFlight(), kill.exceptions().lines().filter(line -> line.contains("OUTCOME_UNKNOWN")).count());
        assertEquals(kill.succeeded() + kill.inFlight(), kill.inTarget(), "every imported row once in the target, and"
                + " the rows in flight too: the target ran them, only their answers were lost");
    }

    @Test
    void killed_with_rows_in_flight_to_a_mutation_with_an_idempotency_key_imports_every_row_exactly_once()
            throws Exception {
        RemoteKill kill = killWithRowsInFlight(CrmApi.OVERLAY_EXACTLY_ONCE, "crm.createContact", "keyed", Map.of());
        assertEquals(0, kill.unknown(), "the rows in flight were sent again with their keys: " + kill.batch());
        assertEquals(0, kill.failed(), "and none failed as a duplicate: " + kill.exceptions());
        assertEquals(ROWS, kill.inTarget(), "every row once in the target");
        assertTrue(kill.stats().contains("\"replays\":") && !kill.stats().contains("\"replays\":0"),
                "the target answered the resent keys from its store: " + kill.stats());
    }

    @Test
    void killed_with_rows_in_flight_to_a_mutation_with_a_natural_key_finds_them_after_the_settle_time()
            throws Exception {
        RemoteKill kill = killWithRowsInFlight(CrmApi.OVERLAY_EXACTLY_ONCE, "crm.createAccount", "found",
                Map.of("intake.targets.crm.settle-time", "3s"));
        assertEquals(0, kill.unknown(), "the rows in flight were looked up by name: " + kill.batch());
        assertEquals(0, kill.failed(), kill.exceptions());
        assertEquals(ROWS, kill.inTarget(), "every row once in the target");
        // The successor looks the rows in flight up no sooner than the settle time after they were last sent; the
        // CRM ran them before its answers were held back, so each is found, and its note says so.
        assertEquals(kill.inFlight(), kill.results().lines().filter(line -> line.contains("found in target crm by"
                + " input/name after the settle time")).count(), kill.results().lines().filter(line -> line.contains(
                        "found in target crm")).toList() + "; marked at the kill: " + kill.markedOutcomes());
        assertTrue(kill.successorLog().contains("are looked up by input/name once 3 s have passed since they were"
                + " sent"), "the successor waited out the settle time");
    }

    @Test
    void two_instances_share_a_targets_limit_of_four_and_both_send() throws Exception {
        String organisation = "faults-shared-limit";
        String token = PackagedServer.token("sal", organisation, "import-admin");
        try (CrmApi crm = CrmApi.start()) {
            Map<String, String> target = Map.of("intake.targets.crm.url", crm.url("/graphql"),
                    "intake.targets.crm.overlay", CrmApi.OVERLAY.toString(), "intake.targets.crm.max-concurrency", "4",
                    "intake.worker.chunk-size", "25");
            crm.control("faults", "{\"delayMs\": 100}");
            PackagedServer first = PackagedServer.start("faults-shared-a", properties(target), environment());
            PackagedServer second = PackagedServer.start("faults-shared-b", properties(target), environment());
            try {
                StringBuilder csv = new StringBuilder(first.get(token, "/imports/templates/crm.createAccount.csv")
                        .stripTrailing()).append("\r\n");
                for (int i = 0; i < 400; i++) {
                    // the name, and an empty idempotencyKey: without the overlay's word that argument is a column
                    csv.append("Shared account ").append(i).append(",\r\n");
                }
                String id = first.uploadAccepted(token, "crm.createAccount", Files.writeString(work.resolve(
                        "shared.csv"), csv));
                Map<String, String> batch = awaitFinal(second, token, id);
                assertEquals("400", batch.get("successCount"), batch + "\n" + second.get(token, "/imports/" + id
                        + "/exceptions.csv").lines().limit(8).toList());
                assertEquals(2, count("select count(distinct processed_by) from intake.import_chunk where batch_id ="
                        + " cast(? as uuid)", id), "both instances sent rows");
            } finally {
                first.stop();
                second.stop();
            }
            // what the target saw: the most mutations it had in flight in each tenth of a second
            Matcher windows = Pattern.compile("\"(\\d+)\":(\\d+)").matcher(crm.read("concurrency"));
            int most = 0;
            while (windows.find()) {
                most = Math.max(most, Integer.parseInt(windows.group(2)));
            }
            assertEquals(4, most, "the target never had more than 4 requests in flight, and had 4");
            String records = crm.read("records");
            for (int i = 0; i < 400; i++) {
                assertEquals(1, Pattern.compile("\"name\":\"Shared account " + i + "\"").matcher(records).results()
                        .count(), "Shared account " + i);
            }
        }
    }

    private static final int ROWS = 6_000;

    /**
     * What became of a remote import killed with rows in flight and finished by a successor.
     *
     * @param inTarget the records of the file's rows in the target
     */
    private record RemoteKill(long inFlight, Map<String, String> batch, String exceptions, String results,
            long inTarget, String stats, String successorLog, List<String> markedOutcomes) {

        long succeeded() {
            return Long.parseLong(batch.get("successCount"));
        }

        long failed() {
            return Long.parseLong(batch.get("errorCount"));
        }

        long unknown() {
            return Long.parseLong(batch.get("unknownCount"));
        }
    }

    /**
     * Imports 6,000 rows into the CRM with the template, kills the server with SIGKILL once the target answers late
     * and rows are in flight (at most the target's max-concurrency), and lets a successor finish the batch.
     */
    private RemoteKill killWithRowsInFlight(Path overlay, String templateName, String name, Map<String, String> extra)
            throws Exception {
        String organisation = "faults-remote-" + name;
        String token = PackagedServer.token("rex", organisation, "import-admin");
        boolean accounts = templateName.endsWith("createAccount");
        try (CrmApi crm = CrmApi.start()) {
            for (int i = 0; i < 10; i++) {
                HTTP.send(HttpRequest.newBuilder(URI.create(crm.url("/graphql"))).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"mutation { createAccount(input: "
                                + "{name: \\\"Account " + i + "\\\"}) { account { id } } }\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            // a dead instance's slots free themselves a request timeout and 15 s after they were last renewed: a
            // short timeout lets the successor send sooner
            Map<String, String> target = new HashMap<>(Map.of("intake.targets.crm.url", crm.url("/graphql"),
                    "intake.targets.crm.overlay", overlay.toString(), "intake.targets.crm.max-concurrency", "4",
                    "intake.targets.crm.timeout", "5s"));
            target.putAll(extra);
            PackagedServer server = PackagedServer.start(organisation + "-1", properties(target), environment());
            String id;
            try {
                String template = server.get(token, "/imports/templates/" + templateName + ".csv");
                StringBuilder csv = new StringBuilder(template.endsWith("\n") ? template : template + "\r\n");
                List<String> references = List.of(template.split("\r?\n")[1].split(","));
                for (int i = 0; i < ROWS; i++) {
                    List<String> cells = new ArrayList<>();
                    for (String reference : references) {
                        cells.add(switch (reference) {
                            case "input/email" -> "remote" + i + "@example.com";
                            case "input/firstName" -> "Remote" + i;
                            case "input/accountId" -> "Account " + (i % 10);
                            case "input/name" -> "Remote account " + i;
                            default -> "";
                        });
                    }
                    csv.append(String.join(",", cells)).append("\r\n");
                }
                Path file = Files.writeString(work.resolve(name + ".csv"), csv);
                id = server.uploadAccepted(token, templateName, file);
                await(server, token, id, batch -> Long.parseLong(batch.getOrDefault("processedRows", "0")) >= 2_000);
                crm.control("faults", "{\"delayMs\": 20000}");
                Thread.sleep(1_500);
            } finally {
                server.kill();
            }
            long inFlight = count("select count(*) from intake.import_sending where batch_id = cast(? as uuid)", id);
            List<Long> marked = new ArrayList<>();
            try (Connection connection = database().getConnection(); PreparedStatement select = connection.prepareStatement(
                    "select row_number from intake.import_sending where batch_id = cast(? as uuid)")) {
                select.setString(1, id);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        marked.add(result.getLong(1));
                    }
                }
            }
            assertTrue(inFlight >= 1 && inFlight <= 4, "rows were in flight when the server died, at most the "
                    + "target's max-concurrency: " + inFlight);
            crm.control("faults", "{}");

            PackagedServer successor = PackagedServer.start(organisation + "-2", properties(target), environment());
            Map<String, String> batch;
            String exceptions;
            String results;
            try {
                batch = awaitFinal(successor, token, id);
                exceptions = successor.get(token, "/imports/" + id + "/exceptions.csv");
                results = successor.get(token, "/imports/" + id + "/results.csv");
            } finally {
                successor.stop();
            }
            assertEquals(ROWS, Long.parseLong(batch.get("successCount")) + Long.parseLong(batch.get("errorCount")),
                    "the counts add up: " + batch);
            assertEquals(0, count("select count(*) from intake.import_sending where batch_id = cast(? as uuid)", id));
            String records = crm.read("records");
            long inTarget = Pattern.compile(accounts ? "\"name\":\"Remote account \\d+\""
                    : "\"email\":\"remote\\d+@example.com\"").matcher(records).results().count();
            List<String> markedOutcomes = new ArrayList<>();
            for (long row : marked) {
                markedOutcomes.add(row + "=" + text("select coalesce(error_type, 'SUCCESS') || ' ' || coalesce(message, "
                        + "entity_id) from intake.import_outcome where batch_id = cast(? as uuid) and row_number = "
                        + row, id));
            }
            return new RemoteKill(inFlight, batch, exceptions, results, inTarget, crm.read("stats"),
                    successor.log(), markedOutcomes);
        }
    }

    /** Kills the server with SIGKILL once the batch is where the test wants it, and starts its successor. */
    private static PackagedServer killAndSucceed(PackagedServer doomed, String token, String id, String phase,
            Predicate<Map<String, String>> killWhen, String successor, Map<String, String> successorSettings)
            throws Exception {
        try {
            Map<String, String> atKill = await(doomed, token, id, killWhen);
            doomed.kill();
            assertTrue(killWhen.test(atKill), "killed while " + phase + ": " + atKill);
        } finally {
            doomed.kill();
        }
        return PackagedServer.start(successor, properties(successorSettings), environment());
    }

    private static void assertExactlyOnce(Map<String, String> batch, String id, int rows) throws Exception {
        int bad = BenchFile.badRows(rows);
        assertEquals("PARTIAL_SUCCESS", batch.get("status"), batch.toString());
        assertEquals(rows - bad, Long.parseLong(batch.get("successCount")));
        assertEquals(bad, Long.parseLong(batch.get("errorCount")));
        assertEquals(rows, count("select count(*) from intake.import_outcome where batch_id = cast(? as uuid)", id),
                "one outcome per row");
        assertEquals(rows - bad, count("select count(*) from intake.import_outcome o join contact c on c.id = "
                + "cast(substring(convert_from(decode(o.entity_id, 'base64'), 'UTF8') from 9) as bigint) "
                + "where o.batch_id = cast(? as uuid) and o.success", id), "every success is a record in the table");
    }

    private static Map<String, String> awaitFinal(PackagedServer server, String token, String id) throws Exception {
        return await(server, token, id, batch -> List.of("COMPLETED", "PARTIAL_SUCCESS", "FAILED", "VALIDATION_FAILED",
                "CANCELLED").contains(batch.get("status")));
    }

    private static Map<String, String> await(PackagedServer server, String token, String id,
            Predicate<Map<String, String>> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        Map<String, String> batch = Map.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                batch = batch(server, token, id);
                if (condition.test(batch)) {
                    return batch;
                }
            } catch (IOException | IllegalStateException e) {
                // the database is away: ask again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Batch " + id + " did not get there in time: " + batch + "\n" + server.log());
    }

    private static Map<String, String> batch(PackagedServer server, String token, String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/imports/" + id)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> fields = new HashMap<>();
        Matcher field = FIELD.matcher(response.body());
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        if (!fields.containsKey("status")) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return fields;
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection connection = database().getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static String text(String sql, String parameter) throws Exception {
        try (Connection connection = database().getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getString(1) : "none";
            }
        }
    }

    private static DataSource database() {
        return postgres.getPostgresDatabase();
    }

    private static Map<String, String> properties(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "intake.worker.lease", "3s",
                "intake.worker.poll-interval", "0.2s"));
        properties.putAll(PackagedServer.trustDevKey());
        properties.putAll(extra);
        return properties;
    }

    private static Map<String, String> environment() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + port + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres");
    }
}
