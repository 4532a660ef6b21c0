package dev.intake.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.intake.processing.ImportWorker;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Test steps over real HTTP: upload a file, run the worker until the batch ends, read GraphQL. Requests carry
 * {@link Tokens#ADMIN} unless a token is given.
 */
public final class Imports {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Imports() {
    }

    public static Response upload(String template, String filename, String content) {
        return upload(template, filename, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Response upload(String template, String filename, byte[] content) {
        return upload(Tokens.ADMIN, template, filename, content);
    }

    public static Response upload(String token, String template, String filename, byte[] content) {
        return as(token)
                .multiPart("file", filename, content, "text/csv")
                .multiPart("template", template)
                .when().post("/imports");
    }

    /** Uploads a file, expects 202, and returns the new batch's id. */
    public static String accepted(String template, String filename, String content) {
        return upload(template, filename, content).then().statusCode(202).extract().path("id");
    }

    /** Uploads a file as a dry run with the token, expects 202 and a dry-run batch, and returns its id. */
    public static String acceptedDryRun(String token, String template, String filename, String content) {
        return as(token).multiPart("file", filename, content.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", template).multiPart("dryRun", "true").post("/imports")
                .then().statusCode(202).body("dryRun", equalTo(true)).extract().path("id");
    }

    /**
     * Waits, without driving the worker, until the scheduled workers bring the batch to a final status (bounded),
     * and returns the batch as it last was.
     */
    public static JsonPath awaitFinal(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonPath batch = batch(id);
        while (!isFinal(batch.getString("status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            batch = batch(id);
        }
        return batch;
    }

    /** Runs the worker until the batch reaches a final status (bounded), and returns the batch. */
    public static JsonPath finish(ImportWorker worker, String id) {
        return finish(worker, Tokens.ADMIN, id);
    }

    /** The same, reading the batch with a token of its organisation. */
    public static JsonPath finish(ImportWorker worker, String token, String id) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            worker.drain();
            JsonPath batch = batch(token, id);
            if (isFinal(batch.getString("status"))) {
                return batch;
            }
        }
        throw new AssertionError("Batch " + id + " did not finish within " + PATIENCE + ": " + batch(token, id).prettify());
    }

    public static JsonPath batch(String id) {
        return batch(Tokens.ADMIN, id);
    }

    public static JsonPath batch(String token, String id) {
        return as(token).when().get("/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** A request sent with a bearer token. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** Whether the worker is done with a batch for now (READY waits for someone to start it). */
    public static boolean isFinal(String status) {
        return switch (status) {
            case "COMPLETED", "PARTIAL_SUCCESS", "FAILED", "VALIDATION_FAILED", "CANCELLED", "ROLLED_BACK",
                    "PARTIALLY_ROLLED_BACK", "READY" -> true;
            default -> false;
        };
    }

    public static String download(String path) {
        return as(Tokens.ADMIN).when().get(path).then().statusCode(200).extract().asString();
    }

    /** Posts a GraphQL operation as the default admin and returns the response, errors included. */
    public static JsonPath graphql(String query, Map<String, Object> variables) {
        return graphql(Tokens.ADMIN, query, variables);
    }

    public static JsonPath graphql(String token, String query, Map<String, Object> variables) {
        return as(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath graphql(String query) {
        return graphql(query, Map.of());
    }

    /** CSV lines joined with CRLF, the way the templates and Excel write them. */
    public static String csv(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** A template's four header rows, downloaded from the server. */
    public static String templateHeader(String template) {
        return download("/imports/templates/" + template + ".csv");
    }
}
