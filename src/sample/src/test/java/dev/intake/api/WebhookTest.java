package dev.intake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import dev.intake.webhook.WebhookSender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** Webhooks against a real HTTP receiver on this machine, which checks each delivery's signature as documented. */
@QuarkusTest
class WebhookTest {

    /** What the receiver got: the headers that matter and the body. */
    private record Received(String delivery, String event, String signature, String body) {
    }

    @Inject
    ImportWorker worker;

    @Inject
    WebhookSender sender;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void start_receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("Intake-Delivery"),
                    exchange.getRequestHeaders().getFirst("Intake-Event"),
                    exchange.getRequestHeaders().getFirst("Intake-Signature"), new String(body, StandardCharsets.UTF_8)));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop_receiver() {
        receiver.stop(0);
        for (Object webhook : Imports.graphql("{ webhooks { id } }").getList("data.webhooks.id")) {
            Imports.graphql("mutation($id: ID!) { deleteWebhook(id: $id) }", Map.of("id", webhook));
        }
    }

    @Test
    void each_ended_batch_is_delivered_once_signed_and_again_after_a_500() throws Exception {
        String secret = "a-test-secret-of-enough-characters";
        JsonPath created = Imports.graphql("mutation($url: String!, $secret: String) { createWebhook(url: $url, "
                + "secret: $secret) { webhook { id events } secret } }", Map.of("url", url(), "secret", secret));
        assertEquals(List.of("batch.ended"), created.getList("data.createWebhook.webhook.events"), created.prettify());
        String webhook = created.getString("data.createWebhook.webhook.id");
        failuresLeft.set(1);

        String first = Imports.accepted("createAccount", "hooked.csv", Imports.csv("name", UniqueNames.of("Hooked")));
        String second = Imports.accepted("createAccount", "hooked2.csv", Imports.csv("name", UniqueNames.of("Hook")));
        Imports.finish(worker, first);
        Imports.finish(worker, second);
        sender.sendDue();
        sender.sendDue();
        sender.sendDue();

        assertEquals(3, received.size(), "two deliveries, one of them twice after its 500: " + received);
        assertEquals(2, received.stream().map(Received::delivery).distinct().count(), "one delivery per batch");
        for (Received delivery : received) {
            assertEquals("batch.ended", delivery.event());
            assertTrue(validSignature(secret, delivery), "the signature checks out: " + delivery.signature());
        }
        List<String> batches = received.stream().map(delivery -> new JsonObject(delivery.body())
                .getJsonObject("batch").getString("id")).distinct().sorted().toList();
        assertEquals(List.of(first, second).stream().sorted().toList(), batches);
        JsonObject body = new JsonObject(received.get(received.size() - 1).body());
        assertEquals("batch.ended", body.getString("event"));
        assertEquals("COMPLETED", body.getJsonObject("batch").getString("status"));
        assertTrue(body.getJsonObject("batch").getJsonObject("links").getString("exceptions").endsWith("/exceptions.csv"));

        JsonPath deliveries = Imports.graphql("{ webhooks { id deliveries { batchId status attempts attemptsMade "
                + "{ attempt statusCode error } } } }");
        List<Map<String, Object>> made = deliveries.getList("data.webhooks[0].deliveries");
        assertEquals(webhook, deliveries.getString("data.webhooks[0].id"));
        assertEquals(2, made.size(), deliveries.prettify());
        assertTrue(made.stream().allMatch(delivery -> "DELIVERED".equals(delivery.get("status"))), deliveries.prettify());
        assertTrue(deliveries.prettify().contains("\"statusCode\": 500") && deliveries.prettify().contains(
                "The receiver answered 500"), "the failed attempt is visible: " + deliveries.prettify());

        sender.sendDue();
        assertEquals(3, received.size(), "a delivered event is never sent again by itself");
    }

    @Test
    void a_webhook_on_a_private_or_metadata_address_is_refused_and_a_short_secret_too() {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "ftp://example.com/x",
                "http://user:pass@example.com/hook")) {
            JsonPath refused = Imports.graphql("mutation($url: String!) { createWebhook(url: $url) { secret } }",
                    Map.of("url", url));
            assertEquals("invalid-value", refused.getString("errors[0].extensions.code"), url + ": " + refused.prettify());
        }
        JsonPath shortSecret = Imports.graphql("mutation($url: String!) { createWebhook(url: $url, secret: \"short\") "
                + "{ secret } }", Map.of("url", url()));
        assertTrue(shortSecret.getString("errors[0].message").contains("at least 24 characters"), shortSecret.prettify());
        JsonPath made = Imports.graphql("mutation($url: String!) { createWebhook(url: $url) { secret } }",
                Map.of("url", url()));
        assertTrue(made.getString("data.createWebhook.secret").startsWith("whsec_"), "a secret is made: " + made.prettify());
    }

    @Test
    void webhooks_are_for_admins_of_the_organisation() {
        String viewer = Tokens.of("vic", Tokens.ORGANISATION, "import-viewer");
        JsonPath refused = Imports.graphql(viewer, "{ webhooks { id } }", Map.of());
        assertEquals("forbidden", refused.getString("errors[0].extensions.code"), refused.prettify());
        String id = Imports.graphql("mutation($url: String!) { createWebhook(url: $url) { webhook { id } } }",
                Map.of("url", url())).getString("data.createWebhook.webhook.id");
        String stranger = Tokens.of("mallory", "globex", "import-admin");
        assertEquals(List.of(), Imports.graphql(stranger, "{ webhooks { id } }", Map.of()).getList("data.webhooks"));
        JsonPath foreign = Imports.graphql(stranger, "mutation($id: ID!) { deleteWebhook(id: $id) }", Map.of("id", id));
        assertNotNull(foreign.getString("errors[0].message"), foreign.prettify());
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** The check a receiver makes, as the README shows it: HMAC-SHA256 of "t.body" under the secret. */
    private static boolean validSignature(String secret, Received delivery) throws Exception {
        String[] parts = delivery.signature().split(",");
        String timestamp = parts[0].substring("t=".length());
        String signature = parts[1].substring("v1=".length());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + delivery.body()).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))
                && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) < 300;
    }
}
