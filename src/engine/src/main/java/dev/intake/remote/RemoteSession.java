package dev.intake.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.batch.RowErrorType;
import dev.intake.security.Uploader;
import dev.intake.target.RowFailure;
import dev.intake.target.RowResult;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import graphql.GraphqlErrorBuilder;

/**
 * Reads records and runs single mutations on a remote target as one user, outside an import's sending: the reads of a
 * rollback's images and its undo mutations. A request the target did not run (throttled, or not reached) is sent
 * again after a wait, a few times; after that, or when the answer was lost, the row fails saying so, and rolling back
 * again tries it again. The mutation's input errors ({@code userErrors}) and GraphQL errors are read by the target's
 * error codes, as an import's rows are.
 */
final class RemoteSession implements RowSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIES = 4;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final RemoteTargets targets;
    private final RemoteSender sender;
    private final String target;
    private final Uploader user;
    private final java.time.Clock clock;

    RemoteSession(RemoteTargets targets, RemoteSender sender, String target, Uploader user, java.time.Clock clock) {
        this.targets = targets;
        this.sender = sender;
        this.target = target;
        this.user = user;
        this.clock = clock;
    }

    @Override
    public RowResult run(ImportTemplate template, Map<String, Object> variables) {
        Exchange exchange = exchange(template.document(), variables);
        if (exchange.failure() != null) {
            return RowResult.failed(exchange.failure());
        }
        JsonNode body = exchange.answer().body();
        RemoteErrors codes = new RemoteErrors(targets.config(target).errorCodes());
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            return RowResult.failed(codes.ofGraphQLErrors(template, errors));
        }
        JsonNode value = body.path("data").path(template.operation().mutation());
        JsonNode userErrors = value.path("userErrors");
        if (userErrors.isArray() && !userErrors.isEmpty()) {
            return RowResult.failed(codes.ofUserErrors(template, userErrors));
        }
        if (value.isBoolean() && !value.asBoolean()) {
            return RowResult.failed(new RowFailure(RowErrorType.NOT_FOUND, null, "target " + target + " answered false"
                    + " to " + template.operation().mutation() + ": it did nothing", true));
        }
        return RowResult.of(JSON.convertValue(value, Object.class));
    }

    /** Not used: an import's rows go through {@link RemoteSender}, with their marks and keys. */
    @Override
    public Optional<List<RowResult>> runAll(ImportTemplate template, List<Map<String, Object>> rows,
            IntConsumer rowStarts) {
        throw new UnsupportedOperationException("a remote import's rows are sent by its chunks, not by a session");
    }

    @Override
    public RowResult query(String document, Map<String, Object> variables) {
        Exchange exchange = exchange(document, variables);
        if (exchange.failure() != null) {
            return RowResult.failed(exchange.failure());
        }
        JsonNode body = exchange.answer().body();
        Object data = body.path("data").isObject() ? JSON.convertValue(body.path("data"), Object.class) : null;
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            return new RowResult(data, List.of(GraphqlErrorBuilder.newError().message("target " + target + ": "
                    + errors.get(0).path("message").asText("(no message)")).build()));
        }
        return RowResult.of(data);
    }

    @Override
    public void close() {
        // nothing held: each request stands alone
    }

    /** A request's answer, or why there is none to read. */
    private record Exchange(GraphQLHttp.Answer answer, RowFailure failure) {
    }

    /** Posts the document, waiting out a target that did not run it, a few times. */
    private Exchange exchange(String document, Map<String, Object> variables) {
        String why = null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            GraphQLHttp.Answer answer;
            try {
                answer = targets.http(target).post(document, variables, sender.headers(target, user, null));
            } catch (JsonProcessingException e) {
                return new Exchange(null, failure("its variables could not be written as JSON: " + e
                        .getOriginalMessage()));
            } catch (BearerTokens.Unavailable e) {
                return new Exchange(null, failure(e.getMessage()));
            } catch (java.net.http.HttpConnectTimeoutException | java.net.ConnectException e) {
                why = "target " + target + " cannot be reached";
                pause(Duration.ofSeconds(1L << attempt));
                continue;
            } catch (IOException e) {
                return new Exchange(null, failure("the answer of target " + target + " was lost (" + e.getClass()
                        .getSimpleName() + "); whether it ran is not known"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Exchange(null, failure("the server stopped while waiting for target " + target));
            }
            Optional<RemoteAnswer> notRun = sender.notRun(target, answer);
            if (notRun.isEmpty() && answer.body() != null) {
                return new Exchange(answer, null);
            }
            if (notRun.isPresent() && notRun.get() instanceof RemoteAnswer.Throttled throttled) {
                why = throttled.reason();
                pause(Duration.between(clock.instant(), throttled.until()));
            } else if (notRun.isPresent() && notRun.get() instanceof RemoteAnswer.NotSent notSent) {
                why = notSent.reason();
                pause(Duration.ofSeconds(1L << attempt));
            } else {
                return new Exchange(null, failure(notRun.map(RemoteSender::reasonOf).orElse("target " + target
                        + " answered HTTP " + answer.status() + " with no GraphQL answer")));
            }
        }
        return new Exchange(null, failure(why + ", " + TRIES + " times; nothing was done"));
    }

    private RowFailure failure(String detail) {
        return new RowFailure(RowErrorType.INTERNAL, null, detail, true);
    }

    private void pause(Duration wait) {
        Duration capped = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.isNegative() ? Duration.ZERO : wait;
        try {
            Thread.sleep(capped.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
