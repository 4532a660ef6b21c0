package dev.intake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.GraphQLWebSocket;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Batches pushed to GraphQL subscribers over graphql-transport-ws, as polling shows them. */
@QuarkusTest
class SubscriptionTest {

    private static final String FOLLOW = "subscription($id: ID!) { importBatchChanged(id: $id) { id status processedRows"
            + " successCount errorCount } }";

    @Inject
    ImportWorker worker;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    @Test
    void a_subscriber_follows_a_20k_row_import_from_pending_to_completed_and_is_then_completed() throws Exception {
        // an organisation of its own, so that its 20,000 contacts are no other test's
        String admin = Tokens.of("fay", "followers", "import-admin", "accounts-writer", "contacts-writer");
        String account = Catalogue.account(admin, UniqueNames.of("Followed"));
        String prefix = UniqueNames.of("follow").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        StringBuilder file = new StringBuilder(Imports.as(admin).get("/imports/templates/createContact.csv").then()
                .statusCode(200).extract().asString());
        for (int row = 0; row < 20_000; row++) {
            file.append(account).append(',').append(prefix).append(row).append("@example.org,Fay,Follow,ACTIVE,,\r\n");
        }
        String id = Imports.upload(admin, "createContact", "followed.csv",
                file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).then().statusCode(202).extract()
                .path("id");

        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), admin)) {
            assertEquals("connection_ack", socket.init(null).getString("type"));
            socket.subscribe("1", FOLLOW, Map.of("id", id));
            JsonObject first = socket.next();
            assertEquals("PENDING", batch(first).getString("status"), "the current state comes first: " + first);

            Thread running = new Thread(() -> Imports.finish(worker, admin, id));
            running.start();
            List<JsonObject> states = new ArrayList<>();
            JsonObject message = socket.next();
            while (!"complete".equals(message.getString("type"))) {
                assertEquals("next", message.getString("type"), message.encode());
                states.add(batch(message));
                message = socket.next();
            }
            running.join();

            assertEquals("1", message.getString("id"));
            JsonObject last = states.get(states.size() - 1);
            assertEquals("COMPLETED", last.getString("status"));
            JsonPath polled = Imports.batch(admin, id);
            assertEquals(polled.getInt("processedRows"), last.getInteger("processedRows"), "the same as polling");
            assertEquals(20_000, last.getInteger("successCount"));
            List<Integer> processed = states.stream().map(state -> state.getInteger("processedRows")).toList();
            for (int i = 1; i < processed.size(); i++) {
                assertTrue(processed.get(i) >= processed.get(i - 1), "processedRows never goes back: " + processed);
            }
            assertTrue(processed.stream().filter(rows -> rows > 0 && rows < 20_000).count() >= 2,
                    "processedRows rose while the rows ran, not only at the end: " + processed);
            List<String> statuses = states.stream().map(state -> state.getString("status")).distinct().toList();
            assertTrue(List.of("PENDING", "VALIDATING", "PROCESSING", "COMPLETED").containsAll(statuses)
                    && statuses.contains("PROCESSING"), "status changes in order: " + statuses);
            assertNull(socket.poll(Duration.ofMillis(700)), "nothing after the completion");
        }
    }

    @Test
    void a_late_subscriber_with_its_token_in_connection_init_gets_the_final_state_and_completes() throws Exception {
        String id = smallImport(Tokens.ADMIN);
        Imports.finish(worker, id);

        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), null)) {
            assertEquals("connection_ack", socket.init(Tokens.ADMIN).getString("type"));
            socket.subscribe("late", FOLLOW, Map.of("id", id));
            JsonObject state = socket.next();
            assertEquals("COMPLETED", batch(state).getString("status"), state.encode());
            assertEquals("complete", socket.next().getString("type"));
        }
    }

    @Test
    void another_organisations_batch_gets_an_error_and_never_an_event() throws Exception {
        String id = smallImport(Tokens.ADMIN);
        String stranger = Tokens.of("mallory", "globex", "import-admin");

        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), stranger)) {
            socket.init(null);
            socket.subscribe("snoop", FOLLOW, Map.of("id", id));
            JsonObject answer = socket.next();
            assertTrue(List.of("error", "next").contains(answer.getString("type")), answer.encode());
            assertTrue(answer.encode().contains("batch-not-found"), "the batch is not found: " + answer.encode());
            assertTrue(answer.encode().contains("\"importBatchChanged\"") || "error".equals(answer.getString("type")));
            Imports.finish(worker, id);
            JsonObject later = socket.poll(Duration.ofMillis(1500));
            assertTrue(later == null || !later.encode().contains("COMPLETED"), "no event of the batch: " + later);
        }
    }

    @Test
    void a_subscription_without_a_token_is_refused_and_one_whose_token_expires_ends_saying_so() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), null)) {
            socket.init(null);
            socket.subscribe("anonymous", FOLLOW, Map.of("id", smallImport(Tokens.ADMIN)));
            String answer = socket.next().encode();
            assertTrue(answer.contains("unauthorized") || answer.contains("bearer token"), answer);
        }
        for (boolean inUpgrade : List.of(true, false)) {
            String brief = Tokens.lasting(Duration.ofSeconds(3), "brief", Tokens.ORGANISATION, "import-viewer");
            try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), inUpgrade ? brief : null)) {
                socket.init(inUpgrade ? null : brief);
                socket.subscribe("brief", "subscription { importBatchesChanged { id status } }", Map.of());
                assertEquals("1008 Authentication expired", socket.closedWith(),
                        "the connection closes when its token expires, token in " + (inUpgrade ? "upgrade" : "init"));
            }
        }
    }

    @Test
    void a_connection_holds_at_most_the_configured_number_of_subscriptions_and_another_connection_has_its_own()
            throws Exception {
        String greedy = Tokens.of("greedy", Tokens.ORGANISATION, "import-viewer");
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), greedy);
                GraphQLWebSocket another = GraphQLWebSocket.open(vertx, base.getPort(), greedy)) {
            socket.init(null);
            for (int i = 1; i <= 5; i++) {
                socket.subscribe("s" + i, "subscription { importBatchesChanged { id } }", Map.of());
            }
            JsonObject refused = socket.next();
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals("s5", refused.getString("id"), "the fifth is refused (test limit 4): " + refused.encode());
            assertTrue(refused.encode().contains("intake.subscriptions.max-per-connection"), refused.encode());

            // the same user on a second connection: its first subscription is its own, and is served
            another.init(null);
            another.subscribe("other", "subscription { importBatchesChanged { id } }", Map.of());
            smallImport(Tokens.ADMIN);
            JsonObject served = another.next();
            assertEquals("next", served.getString("type"), "not refused: " + served.encode());
        }
    }

    @Test
    void the_organisations_feed_shows_its_own_new_batches_and_none_of_another_organisation() throws Exception {
        String stranger = Tokens.of("mallory", "globex", "import-admin", "accounts-writer");
        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), Tokens.ADMIN)) {
            socket.init(null);
            socket.subscribe("all", "subscription { importBatchesChanged { id status } }", Map.of());
            socket.poll(Duration.ofMillis(300));
            String theirs = Imports.upload(stranger, "createAccount", "theirs.csv", Imports.csv("name", UniqueNames.of(
                    "Theirs")).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .then().statusCode(202).extract().path("id");
            String ours = smallImport(Tokens.ADMIN);

            List<String> seen = new ArrayList<>();
            JsonObject message = socket.next();
            while (message != null && !seen.contains(ours)) {
                seen.add(message.getJsonObject("payload").getJsonObject("data").getJsonObject("importBatchesChanged")
                        .getString("id"));
                message = socket.poll(Duration.ofSeconds(5));
            }
            assertTrue(seen.contains(ours), "our new batch is pushed: " + seen);
            assertTrue(!seen.contains(theirs), "another organisation's batch never is: " + seen);
        }
    }

    @Test
    void pushed_states_carry_the_role_checked_fields_of_the_batch_as_polling_shows_them() throws Exception {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Nested"));
        String prefix = UniqueNames.of("nested").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String file = Imports.templateHeader("createContact") + account + "," + prefix + "a@example.org,Nia,Nest,ACTIVE,,"
                + "\r\n" + "No account " + prefix + "," + prefix + "b@example.org,Nia,Nest,ACTIVE,,\r\n";
        String id = Imports.upload(Tokens.ADMIN, "createContact", "nested.csv",
                file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).then().statusCode(202).extract().path("id");
        String nested = "subscription($id: ID!) { importBatchChanged(id: $id) { status events { status actor } "
                + "failures(first: 5) { edges { node { rowNumber errorType } } } } }";
        // a viewer, who may read the batch's history and failures but may not import
        String viewer = Tokens.of("vic", Tokens.ORGANISATION, "import-viewer");

        try (GraphQLWebSocket socket = GraphQLWebSocket.open(vertx, base.getPort(), viewer)) {
            socket.init(null);
            socket.subscribe("nested", nested, Map.of("id", id));
            JsonObject first = socket.next();
            assertEquals("next", first.getString("type"), first.encode());
            assertTrue(batch(first).getJsonArray("events").size() >= 1, "the history from the first state: " + first);
            Imports.finish(worker, id);
            JsonObject last = first;
            for (JsonObject message = socket.next(); !"complete".equals(message.getString("type"));
                    message = socket.next()) {
                assertNull(message.getJsonObject("payload").getValue("errors"), "no field refused: " + message.encode());
                last = message;
            }
            JsonObject pushed = batch(last);
            JsonPath polled = Imports.graphql(viewer, "query($id: ID!) { importBatch(id: $id) { status events { status "
                    + "actor } failures(first: 5) { edges { node { rowNumber errorType } } } } }", Map.of("id", id))
                    .setRootPath("data.importBatch");
            assertEquals("PARTIAL_SUCCESS", pushed.getString("status"), pushed.encode());
            assertEquals(polled.getList("events.status"), pushed.getJsonArray("events").stream()
                    .map(event -> ((JsonObject) event).getString("status")).toList(), "the history as polling shows it");
            JsonObject failure = pushed.getJsonObject("failures").getJsonArray("edges").getJsonObject(0)
                    .getJsonObject("node");
            assertEquals(1, pushed.getJsonObject("failures").getJsonArray("edges").size(), pushed.encode());
            assertEquals("6", String.valueOf(failure.getValue("rowNumber")), failure.encode());
            assertEquals("LOOKUP", failure.getString("errorType"));
            assertEquals(polled.getString("failures.edges[0].node.errorType"), failure.getString("errorType"));
        }
    }

    private static String smallImport(String token) {
        return Imports.upload(token, "createAccount", "accounts.csv", Imports.csv("name", UniqueNames.of("Subscribed"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .then().statusCode(202).extract().path("id");
    }

    private static JsonObject batch(JsonObject message) {
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("importBatchChanged");
    }
}
