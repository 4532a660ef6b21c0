package dev.intake.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.AstPrinter;
import graphql.language.Document;

/** Reads a target's schema as SDL: by introspection over HTTP, or from the operator's SDL file. */
final class TargetSchemaReader {

    private TargetSchemaReader() {
    }

    /** Why a schema could not be read; {@code reachable} is false when the target itself could not be reached. */
    static final class SchemaUnavailable extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean reachable;

        SchemaUnavailable(String message, boolean reachable) {
            super(message);
            this.reachable = reachable;
        }

        boolean reachable() {
            return reachable;
        }
    }

    static String fromFile(String target, Path file) throws SchemaUnavailable {
        try {
            String sdl = Files.readString(file, StandardCharsets.UTF_8);
            RemoteTemplates.schema(sdl);
            return sdl;
        } catch (IOException e) {
            throw new SchemaUnavailable("The schema file of target " + target + " cannot be read: " + e.getMessage(),
                    true);
        } catch (IllegalArgumentException e) {
            throw new SchemaUnavailable("The schema file of target " + target + ": " + e.getMessage(), true);
        }
    }

    @SuppressWarnings("unchecked")
    static String introspect(String target, GraphQLHttp http, ObjectMapper json, Map<String, String> headers)
            throws SchemaUnavailable, InterruptedException {
        GraphQLHttp.Answer answer;
        try {
            answer = http.post(IntrospectionQuery.INTROSPECTION_QUERY, Map.of(), headers);
        } catch (BearerTokens.Unavailable e) {
            throw new SchemaUnavailable("Target " + target + " was not asked for its schema: " + e.getMessage(), false);
        } catch (HttpTimeoutException e) {
            throw new SchemaUnavailable("Target " + target + " did not answer the introspection query in time", false);
        } catch (ConnectException e) {
            throw new SchemaUnavailable("Target " + target + " cannot be reached: the connection was refused", false);
        } catch (IOException e) {
            throw new SchemaUnavailable("Target " + target + " cannot be reached: " + e.getMessage(), false);
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw new SchemaUnavailable("Target " + target + " refused the introspection query (HTTP " + answer.status()
                    + "): check its credentials (intake.targets." + target + ".headers)", false);
        }
        JsonNode body = answer.body();
        if (body != null && body.path("errors").isArray() && !body.path("errors").isEmpty()) {
            throw new SchemaUnavailable("Target " + target + " answered the introspection query with an error: "
                    + body.path("errors").get(0).path("message").asText("(no message)")
                    + ". If it turns introspection off, give its schema as a file (intake.targets." + target
                    + ".schema-file)", true);
        }
        if (answer.status() / 100 != 2 || body == null || !body.path("data").path("__schema").isObject()) {
            throw new SchemaUnavailable("Target " + target + " answered the introspection query with HTTP "
                    + answer.status() + " and no schema", answer.status() < 500);
        }
        Document document = new IntrospectionResultToSchema()
                .createSchemaDefinition(json.convertValue(body.path("data"), Map.class));
        return AstPrinter.printAst(document);
    }
}
