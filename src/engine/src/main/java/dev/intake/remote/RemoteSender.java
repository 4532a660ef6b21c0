package dev.intake.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.intake.batch.RowErrorType;
import dev.intake.security.Uploader;
import dev.intake.target.RowFailure;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RowOperation;

/**
 * Sends rows to remote targets, one row per request, and reads what each answer means for the row
 * ({@link RemoteAnswer}). At most {@code max-concurrency} requests are in flight to a target from all instances: a
 * caller holds {@link TargetSlots} while its rows are marked as sending.
 * <p>
 * Each request carries the target's static headers, the uploader's name and organisation in the target's headers, and
 * the row's idempotency key in {@code Idempotency-Key}.
 */
@ApplicationScoped
public class RemoteSender {

    /** The header that carries a row's idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final Map<Integer, String> REFUSALS = Map.of(404, "no GraphQL endpoint at that address", 405,
            "the address takes no POST", 406, "no GraphQL answer in JSON is offered", 415,
            "the address takes no JSON");

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

    private final RemoteTargets targets;
    private final TargetSlots slots;
    private final Clock clock;
    @Inject
    public RemoteSender(RemoteTargets targets, TargetSlots slots, Clock clock) {
        this.targets = targets;
        this.slots = slots;
        this.clock = clock;
    }

    /** The most requests one worker sends at once: the target's concurrency limit. */
    public int maxConcurrency(String target) {
        return targets.config(target).maxConcurrency();
    }

    /** What the template's rows get when an answer is lost, from what its target's overlay declares. */
    public DeliveryGuarantee guarantee(ImportTemplate template) {
        RemotePayload.InDoubt inDoubt = targets.payload(template).map(RemotePayload::inDoubt)
                .orElse(RemotePayload.InDoubt.NONE);
        // a key sent in a header belongs to a request; with several rows a request is no row's own
        IdempotencyKey key = inDoubt.idempotencyKey();
        if (key != null && (key.perField() || rowsPerRequest(template.target()) == 1)) {
            return DeliveryGuarantee.EXACTLY_ONCE;
        }
        return inDoubt.find() != null ? DeliveryGuarantee.AT_LEAST_ONCE_DEDUPLICATED : DeliveryGuarantee.AT_MOST_ONCE;
    }

    /** The template reference whose value finds the record a row made, or {@code null} when the overlay gives none. */
    public String findBy(ImportTemplate template) {
        return targets.payload(template).map(payload -> payload.inDoubt().findBy()).orElse(null);
    }

    /** How long after a lost answer a row's record is looked up by its natural key. */
    public Duration settleTime(String target) {
        return targets.config(target).settleTime();
    }

    /** The rows one request carries, as aliased mutation fields: 1 unless the target takes more. */
    public int rowsPerRequest(String target) {
        return targets.config(target).rowsPerRequest();
    }

    /** How long the target may stay unreachable before its batches pause until a probe of it succeeds. */
    public Duration unreachablePause(String target) {
        return targets.config(target).unreachablePause();
    }

    /**
     * A session on the target as the user, for reading records and running single mutations outside an import's
     * sending: a rollback's reads and undo mutations.
     */
    public RowSession session(String target, Uploader user) {
        return new RemoteSession(targets, this, target, user, clock);
    }

    /** Why an answer that did not write a row came, in words. */
    static String reasonOf(RemoteAnswer answer) {
        if (answer instanceof RemoteAnswer.Failed failed) {
            return failed.failure().detail();
        } else if (answer instanceof RemoteAnswer.Throttled throttled) {
            return throttled.reason();
        } else if (answer instanceof RemoteAnswer.Refused refused) {
            return refused.reason();
        } else if (answer instanceof RemoteAnswer.Again again) {
            return again.reason();
        } else if (answer instanceof RemoteAnswer.NotSent notSent) {
            return notSent.reason();
        } else if (answer instanceof RemoteAnswer.Unknown unknown) {
            return unknown.reason();
        }
        return "written";
    }

    /** Sends one row's mutation with its variables, as the uploader; the caller holds a slot. */
    public RemoteAnswer send(ImportTemplate template, Uploader uploader, Map<String, Object> variables,
            String idempotencyKey) {
        RemotePayload payload = targets.payload(template).orElse(null);
        if (payload == null) {
            return new RemoteAnswer.Failed(new RowFailure(RowErrorType.INTERNAL, null, "target " + template.target()
                    + " no longer offers " + template.name(), true));
        }
        Map<String, String> headers = headers(template.target(), uploader, idempotencyKey);
        IdempotencyKey key = payload.inDoubt().idempotencyKey();
        Map<String, Object> sent = variables;
        if (key != null && idempotencyKey != null) {
            if (key.place() == IdempotencyKey.Place.HEADER) {
                headers.put(key.name(), idempotencyKey);
            } else {
                sent = new LinkedHashMap<>(variables);
                sent.put(keyVariable(key), idempotencyKey);
            }
        }
        GraphQLHttp.Answer answer;
        try {
            answer = targets.http(template.target()).post(template.document(), sent, headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new RemoteAnswer.Failed(new RowFailure(RowErrorType.INTERNAL, null, "the row's variables could not"
                    + " be written as JSON, so nothing was sent: " + e.getOriginalMessage(), true));
        } catch (BearerTokens.Unavailable e) {
            return new RemoteAnswer.Refused(e.getMessage() + "; nothing was sent");
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new RemoteAnswer.NotSent("target " + template.target() + " cannot be reached: " + describe(e));
        } catch (HttpTimeoutException e) {
            return new RemoteAnswer.Unknown("target " + template.target() + " did not answer within "
                    + targets.config(template.target()).timeout().toSeconds() + " s");
        } catch (IOException e) {
            return new RemoteAnswer.Unknown("the connection to target " + template.target() + " failed while the row"
                    + " was being sent (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RemoteAnswer.Unknown("the server stopped while the row was being sent to target "
                    + template.target());
        }
        return read(template, payload, answer);
    }

    /**
     * Sends several rows' mutations in one request, each an aliased field ({@code r0: createPerson(...)}), when the
     * target takes {@code rows-per-request} above one; the caller holds one slot. The answers are in the rows' order.
     * The request's idempotency key is made from its rows' keys, so it is the same when the same rows go again.
     */
    public List<RemoteAnswer> sendRows(ImportTemplate template, Uploader uploader, List<Map<String, Object>> rows,
            List<String> idempotencyKeys) {
        if (rows.size() == 1) {
            return List.of(send(template, uploader, rows.get(0), idempotencyKeys.get(0)));
        }
        RemotePayload payload = targets.payload(template).orElse(null);
        if (payload == null) {
            return all(rows.size(), new RemoteAnswer.Failed(new RowFailure(RowErrorType.INTERNAL, null, "target "
                    + template.target() + " no longer offers " + template.name(), true)));
        }
        IdempotencyKey key = payload.inDoubt().idempotencyKey();
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int row = 0; row < rows.size(); row++) {
            for (Map.Entry<String, Object> argument : rows.get(row).entrySet()) {
                variables.put(RowOperation.variable(row, argument.getKey()), argument.getValue());
            }
            // each field carries its own row's key; a header's key is the request's (below)
            if (key != null && key.perField() && idempotencyKeys.get(row) != null) {
                variables.put(RowOperation.variable(row, keyVariable(key)), idempotencyKeys.get(row));
            }
        }
        GraphQLHttp.Answer answer;
        try {
            answer = targets.http(template.target()).post(template.operation().document(rows.size()), variables,
                    headers(template.target(), uploader, requestKey(idempotencyKeys)));
        } catch (BearerTokens.Unavailable e) {
            return all(rows.size(), new RemoteAnswer.Refused(e.getMessage() + "; nothing was sent"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return all(rows.size(), new RemoteAnswer.Failed(new RowFailure(RowErrorType.INTERNAL, null, "the rows'"
                    + " variables could not be written as JSON, so nothing was sent: " + e.getOriginalMessage(), true)));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return all(rows.size(), new RemoteAnswer.NotSent("target " + template.target() + " cannot be reached: "
                    + describe(e)));
        } catch (HttpTimeoutException e) {
            return all(rows.size(), new RemoteAnswer.Unknown("target " + template.target() + " did not answer within "
                    + targets.config(template.target()).timeout().toSeconds() + " s"));
        } catch (IOException e) {
            return all(rows.size(), new RemoteAnswer.Unknown("the connection to target " + template.target()
                    + " failed while the row was being sent (" + describe(e) + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(rows.size(), new RemoteAnswer.Unknown("the server stopped while the row was being sent to"
                    + " target " + template.target()));
        }
        return readRows(template, payload, answer, rows.size());
    }

    /** The variable of a row's idempotency key: the argument's own, or the one the directive reads. */
    private static String keyVariable(IdempotencyKey key) {
        return key.place() == IdempotencyKey.Place.ARGUMENT ? key.name() : RowOperation.KEY_VARIABLE;
    }

    /**
     * What an answer to several aliased rows means for each. Errors belong to the row their {@code path} starts at
     * (or whose variables a request error names). A row whose answer another row's error wiped ({@code data} or its
     * field {@code null}) may have been written, unless the target runs a request's rows in one transaction
     * ({@code atomic-requests}): then no row of an answer with errors was written, and the rows without an error of
     * their own go again.
     */
    List<RemoteAnswer> readRows(ImportTemplate template, RemotePayload payload, GraphQLHttp.Answer answer, int rows) {
        String target = template.target();
        noteBudget(target, answer);
        java.util.Optional<RemoteAnswer> notRun = notRun(target, answer);
        if (notRun.isPresent()) {
            return all(rows, notRun.get());
        }
        JsonNode body = answer.body();
        if (body == null) {
            return all(rows, read(template, payload, answer));
        }
        RemoteErrors classify = new RemoteErrors(targets.config(target).errorCodes());
        JsonNode errors = body.path("errors").isArray() ? body.path("errors") : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        List<com.fasterxml.jackson.databind.node.ArrayNode> own = new java.util.ArrayList<>();
        for (int row = 0; row < rows; row++) {
            own.add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
        }
        com.fasterxml.jackson.databind.node.ArrayNode unplaced = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        boolean anyPath = false;
        for (JsonNode error : errors) {
            boolean hasPath = error.path("path").isArray() && !error.path("path").isEmpty();
            anyPath |= hasPath;
            int row = hasPath ? RowOperation.rowOf(error.path("path").path(0).asText(""))
                    : rowOfVariable(error.path("message").asText(""));
            if (row >= 0 && row < rows) {
                own.get(row).add(error);
            } else {
                unplaced.add(error);
            }
        }
        boolean atomic = targets.config(target).atomicRequests();
        List<RemoteAnswer> answers = new java.util.ArrayList<>(rows);
        // A request error: no data entry, or (as Mercurius answers one) "data": null with errors that name no field
        // of the answer. Nothing ran then, since every field error has a path.
        boolean requestError = !body.has("data") || body.path("data").isNull() && !errors.isEmpty() && !anyPath;
        if (requestError) {
            // nothing ran: the rows it names fail, the others go again
            boolean named = own.stream().anyMatch(list -> !list.isEmpty());
            for (int row = 0; row < rows; row++) {
                answers.add(!own.get(row).isEmpty() ? new RemoteAnswer.Failed(classify.ofGraphQLErrors(template,
                        own.get(row))) : named ? new RemoteAnswer.Again("another row of its request was refused")
                                : errors.isEmpty() ? read(template, payload, answer)
                                        : new RemoteAnswer.Failed(classify.ofGraphQLErrors(template, errors)));
            }
            return answers;
        }
        for (int row = 0; row < rows; row++) {
            JsonNode value = body.path("data").path(RowOperation.alias(row));
            if (!own.get(row).isEmpty()) {
                answers.add(new RemoteAnswer.Failed(classify.ofGraphQLErrors(template, own.get(row))));
            } else if (atomic && !errors.isEmpty()) {
                answers.add(unplaced.size() == errors.size()
                        ? new RemoteAnswer.Failed(classify.ofGraphQLErrors(template, unplaced))
                        : new RemoteAnswer.Again("another row of its request failed, and target " + target
                                + " writes a request's rows together or not at all"));
            } else if (value.isMissingNode() || value.isNull()) {
                answers.add(!unplaced.isEmpty() ? new RemoteAnswer.Failed(classify.ofGraphQLErrors(template, unplaced))
                        : errors.isEmpty() ? written(template, payload, value)
                                : new RemoteAnswer.Unknown("another row's error in the same request wiped this row's"
                                        + " answer from target " + target));
            } else {
                answers.add(written(template, payload, value));
            }
        }
        return answers;
    }

    /** The row of a request error that names a row's variable, such as {@code Variable "$r3_input" got ...}; or -1. */
    static int rowOfVariable(String message) {
        java.util.regex.Matcher matcher = ROW_VARIABLE.matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static final java.util.regex.Pattern ROW_VARIABLE = java.util.regex.Pattern.compile("\\$r(\\d{1,6})_");

    /** One answer for every row of a request. */
    private static List<RemoteAnswer> all(int rows, RemoteAnswer answer) {
        return java.util.Collections.nCopies(rows, answer);
    }

    /** The key of a request of several rows: the same whenever the same rows go together. */
    static String requestKey(List<String> rowKeys) {
        return idempotencyKey(String.join(",", rowKeys));
    }

    /**
     * An idempotency key made from what identifies a row or a request ({@code <batch>:<row>}): stable for it, and
     * telling nothing of its contents.
     */
    public static String idempotencyKey(String identity) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "intake-" + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row's answer without errors: its ID at the declared path, its user errors, or neither. */
    private RemoteAnswer written(ImportTemplate template, RemotePayload payload, JsonNode value) {
        String target = template.target();
        if (payload.userErrorsPath() != null) {
            JsonNode userErrors = at(value, payload.userErrorsPath());
            if (userErrors.isArray() && !userErrors.isEmpty()) {
                return new RemoteAnswer.Failed(new RemoteErrors(targets.config(target).errorCodes())
                        .ofUserErrors(template, userErrors));
            }
        }
        JsonNode id = payload.idPath().isEmpty() ? value : at(value, payload.idPath());
        if (id.isValueNode() && !id.isNull() && !id.asText().isEmpty()) {
            return new RemoteAnswer.Written(id.asText());
        }
        return new RemoteAnswer.Failed(new RowFailure(RowErrorType.INTERNAL, null, "target " + target
                + " answered neither the record's ID (at " + template.operation().mutation()
                + (payload.idPath().isEmpty() ? "" : "." + payload.idPath()) + ") nor an error; whether it wrote"
                + " the row is not known", true));
    }

    /** What a target's answer means for a row. */
    RemoteAnswer read(ImportTemplate template, RemotePayload payload, GraphQLHttp.Answer answer) {
        noteBudget(template.target(), answer);
        java.util.Optional<RemoteAnswer> notRun = notRun(template.target(), answer);
        if (notRun.isPresent()) {
            return notRun.get();
        }
        String target = template.target();
        int status = answer.status();
        JsonNode body = answer.body();
        JsonNode errors = body == null ? null : body.path("errors");
        boolean hasData = body != null && body.has("data") && !body.path("data").isNull();
        if (body == null && status >= 400 && status < 500) {
            // a client error with no GraphQL answer came before any GraphQL ran (a proxy's limit, say): about this row
            return new RemoteAnswer.Failed(new RowFailure(RowErrorType.INTERNAL, null, "target " + target
                    + " answered HTTP " + status + " with no GraphQL answer, before running the request; nothing was"
                    + " written", true));
        }
        if (body == null) {
            return new RemoteAnswer.Unknown("target " + target + " answered HTTP " + status + " with no GraphQL answer");
        }
        RemoteErrors classify = new RemoteErrors(targets.config(target).errorCodes());
        if (!hasData) {
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                return new RemoteAnswer.Failed(classify.ofGraphQLErrors(template, errors));
            }
            return new RemoteAnswer.Unknown("target " + target + " answered HTTP " + status + " with no data and no"
                    + " error");
        }
        JsonNode value = body.path("data").path(template.operation().mutation());
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            return new RemoteAnswer.Failed(classify.ofGraphQLErrors(template, errors));
        }
        return written(template, payload, value);
    }

    /**
     * The answers that say the target did not run the request at all: throttled (429, 503, or THROTTLED), refused
     * credentials (401, 403), or a server error without data. Under GraphQL over HTTP, a server answers an error
     * status only for a request it did not execute, and a {@code data} entry whenever it executed one.
     */
    java.util.Optional<RemoteAnswer> notRun(String target, GraphQLHttp.Answer answer) {
        int status = answer.status();
        JsonNode body = answer.body();
        if (status == 429 || status == 503) {
            return java.util.Optional.of(new RemoteAnswer.Throttled(
                    clock.instant().plus(retryAfter(answer.header("Retry-After"))),
                    "target " + target + " asked to slow down (HTTP " + status + ")"));
        }
        if (status == 401 || status == 403) {
            return java.util.Optional.of(new RemoteAnswer.Refused("target " + target + " refused Intake's credentials"
                    + " (HTTP " + status + firstMessage(body) + "); check intake.targets." + target
                    + (targets.config(target).oidcClient().isPresent() ? ".oidc-client" : ".headers")));
        }
        if (status == 404 || status == 405 || status == 406 || status == 415) {
            // the address, the method or the media types are wrong for every request: the operator's to fix
            return java.util.Optional.of(new RemoteAnswer.Refused("target " + target + " answered HTTP " + status + " ("
                    + REFUSALS.get(status) + ") without running the request; check intake.targets." + target
                    + ".url"));
        }
        JsonNode errors = body == null ? null : body.path("errors");
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                    // Shopify gives the cost in the answer's extensions; some servers in the error's
                    JsonNode extensions = error.path("extensions").has("cost") ? error.path("extensions")
                            : body.path("extensions");
                    return java.util.Optional.of(new RemoteAnswer.Throttled(
                            clock.instant().plus(throttleWait(extensions)),
                            "target " + target + " throttled the request (THROTTLED)"));
                }
            }
        }
        // A request error (no data entry at all, and errors saying why) means the request did not run; data, even
        // null, means it ran. A 5xx without a GraphQL answer (a gateway's page) may come after the request ran.
        boolean requestError = body != null && !body.has("data") && errors != null && errors.isArray()
                && !errors.isEmpty();
        if (status >= 500 && requestError) {
            return java.util.Optional.of(new RemoteAnswer.NotSent("target " + target + " answered HTTP " + status
                    + firstMessage(body) + " without running the request"));
        }
        return java.util.Optional.empty();
    }

    /** Whether the target runs the smallest query there is now, asked as the uploader's rows are. */
    public boolean answersProbe(String target, Uploader uploader) {
        return targets.answers(target, headers(target, uploader, null));
    }

    Map<String, String> headers(String target, Uploader uploader, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        var config = targets.config(target);
        headers.put(config.userHeader(), uploader.user());
        if (uploader.organisation() != null) {
            headers.put(config.organisationHeader(), uploader.organisation());
        }
        if (idempotencyKey != null) {
            headers.put(IDEMPOTENCY_HEADER, idempotencyKey);
        }
        return headers;
    }

    private static JsonNode at(JsonNode value, String path) {
        JsonNode node = value;
        for (String name : path.split("\\.")) {
            node = node.path(name);
        }
        return node;
    }

    /** {@code Retry-After} in seconds or as an HTTP date; a second when absent or unreadable; ten minutes at most. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            try {
                wait = Duration.between(Instant.now(), java.time.ZonedDateTime.parse(header.strip(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (java.time.format.DateTimeParseException notDate) {
                wait = DEFAULT_RETRY_AFTER;
            }
        }
        if (wait.isNegative() || wait.isZero()) {
            return DEFAULT_RETRY_AFTER;
        }
        return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
    }

    /**
     * Tells the target's slots what its answer says of its cost budget ({@code extensions.cost.throttleStatus}, as
     * Shopify answers every request), so that requests wait for the budget instead of being throttled.
     */
    private void noteBudget(String target, GraphQLHttp.Answer answer) {
        JsonNode cost = answer.body() == null ? null : answer.body().path("extensions").path("cost");
        if (cost == null || !cost.path("throttleStatus").isObject()) {
            return;
        }
        JsonNode status = cost.path("throttleStatus");
        double requested = cost.path("requestedQueryCost").asDouble(cost.path("actualQueryCost").asDouble(0));
        slots.budget(target, status.path("currentlyAvailable").asDouble(0), status.path("restoreRate").asDouble(0),
                requested);
    }

    /**
     * How long a THROTTLED request waits: until the cost budget has restored what the request needs, from
     * {@code cost.throttleStatus} (Shopify's shape); a second when the answer does not say.
     */
    static Duration throttleWait(JsonNode extensions) {
        JsonNode cost = extensions.path("cost");
        JsonNode status = cost.path("throttleStatus");
        double restoreRate = status.path("restoreRate").asDouble(0);
        if (restoreRate <= 0) {
            return DEFAULT_RETRY_AFTER;
        }
        double needed = cost.path("requestedQueryCost").asDouble(Math.max(1, status.path("maximumAvailable")
                .asDouble(0) / 10));
        double missing = needed - status.path("currentlyAvailable").asDouble(0);
        long millis = (long) Math.ceil(Math.max(missing, 1) / restoreRate * 1000);
        Duration wait = Duration.ofMillis(Math.max(millis, 100));
        return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
    }

    private static String firstMessage(JsonNode body) {
        if (body == null || !body.path("errors").isArray() || body.path("errors").isEmpty()) {
            return "";
        }
        return ": " + body.path("errors").get(0).path("message").asText("");
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
