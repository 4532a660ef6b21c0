package dev.intake.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A client of the {@code graphql-transport-ws} protocol over a real WebSocket, as a GraphQL client library speaks
 * it: {@code connection_init}, {@code subscribe}, and the server's {@code next}, {@code error} and {@code complete};
 * it answers the server's keep-alive {@code ping} with {@code pong}.
 */
public final class GraphQLWebSocket implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private GraphQLWebSocket(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("ping".equals(message.getString("type"))) {
                socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
            } else {
                messages.add(message);
            }
        });
        socket.closeHandler(nothing -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    }

    /**
     * Opens a WebSocket to {@code /graphql}, with the bearer token in the upgrade request when one is given.
     */
    public static GraphQLWebSocket open(Vertx vertx, int port, String upgradeToken) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port)
                .setURI("/graphql").addSubProtocol("graphql-transport-ws");
        if (upgradeToken != null) {
            options.addHeader("Authorization", "Bearer " + upgradeToken);
        }
        WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new GraphQLWebSocket(client, socket);
    }

    /** Sends {@code connection_init}, with the token in its payload when one is given, and waits for the answer. */
    public JsonObject init(String payloadToken) throws InterruptedException {
        JsonObject init = new JsonObject().put("type", "connection_init");
        if (payloadToken != null) {
            init.put("payload", new JsonObject().put("Authorization", "Bearer " + payloadToken));
        }
        socket.writeTextMessage(init.encode());
        return next();
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("id", id)
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables)))
                .encode());
    }

    /** The server's next message; fails when none comes in time. */
    public JsonObject next() throws InterruptedException {
        JsonObject message = messages.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No message within " + PATIENCE + (closed.isDone() ? "; the socket closed: "
                    + closed.getNow(null) : ""));
        }
        return message;
    }

    /** A message that may come within the time, or null. */
    public JsonObject poll(Duration within) throws InterruptedException {
        return messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code and reason, once the server closed the socket; fails when it stays open. */
    public String closedWith() throws Exception {
        return closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.close();
        }
        client.close();
    }
}
