package dev.intake.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * GraphQL over HTTP to one target: a {@code POST} of {@code application/json} that accepts
 * {@code application/graphql-response+json}, with the target's static headers and, where the target has one, its
 * OAuth2 bearer token. A {@code 401} to a kept token is asked once more with a new token: a refused request did not
 * run. Header values are never part of a message or a log line.
 */
final class GraphQLHttp {

    /** The most of an answer that is read; a larger one is refused rather than held in memory. */
    static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    private static final String ACCEPT = "application/graphql-response+json, application/json;q=0.9";

    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient client;
    private final ObjectMapper json;
    private final BearerTokens tokens;
    private final Answered answered;

    /** Told of every request: the answer's HTTP status, or a negative number when none came, and how long it took. */
    @FunctionalInterface
    interface Answered {
        void took(int status, Duration took);
    }

    GraphQLHttp(URI url, Map<String, String> headers, BearerTokens tokens, Duration connectTimeout, Duration timeout,
            ObjectMapper json, Answered answered) {
        this.url = url;
        this.answered = answered;
        this.headers = Map.copyOf(headers);
        this.tokens = tokens;
        this.timeout = timeout;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * What the target answered.
     *
     * @param body the answer's JSON, or {@code null} when it was not JSON
     */
    record Answer(int status, Map<String, List<String>> headers, JsonNode body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    /**
     * Posts the query with its variables.
     *
     * @throws BearerTokens.Unavailable when the target takes a bearer token and none could be had: nothing was sent
     */
    Answer post(String query, Map<String, Object> variables, Map<String, String> extraHeaders)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null && !variables.isEmpty()) {
            body.put("variables", variables);
        }
        byte[] bytes = json.writeValueAsBytes(body);
        if (tokens == null) {
            return post(bytes, extraHeaders, null);
        }
        String authorization = tokens.authorization();
        Answer answer = post(bytes, extraHeaders, authorization);
        if (answer.status() != 401) {
            return answer;
        }
        tokens.refused(authorization);
        return post(bytes, extraHeaders, tokens.authorization());
    }

    private Answer post(byte[] body, Map<String, String> extraHeaders, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::setHeader);
        extraHeaders.forEach(request::setHeader);
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | InterruptedException | RuntimeException e) {
            answered.took(-1, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        answered.took(response.statusCode(), Duration.ofNanos(System.nanoTime() - started));
        try (InputStream stream = response.body()) {
            byte[] bytes = stream.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new IOException("the answer is larger than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MB");
            }
            JsonNode parsed = null;
            if (bytes.length > 0) {
                try {
                    parsed = json.readTree(bytes);
                } catch (IOException e) {
                    parsed = null;
                }
            }
            return new Answer(response.statusCode(), response.headers().map(), parsed);
        }
    }
}
