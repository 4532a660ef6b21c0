package dev.intake.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;

/**
 * Finds the IDs that lookup values name in a remote target, with the overlay's query: a chunk's distinct values in as
 * few requests as possible. A query that takes {@code $values} gets up to {@value #VALUES_PER_REQUEST} values in one
 * request; one that takes {@code $value} is repeated under aliases, {@value #ALIASES_PER_REQUEST} to a request. Never
 * one request per row. A lookup request holds one of the target's slots, as a row's does.
 */
@ApplicationScoped
public class RemoteLookups {

    static final int VALUES_PER_REQUEST = 500;
    static final int ALIASES_PER_REQUEST = 100;

    private static final Pattern VALUE_VARIABLE = Pattern.compile("\\$value\\b");

    private final RemoteTargets targets;
    private final RemoteSender sender;
    private final TargetSlots slots;

    @Inject
    public RemoteLookups(RemoteTargets targets, RemoteSender sender, TargetSlots slots) {
        this.targets = targets;
        this.sender = sender;
        this.slots = slots;
    }

    /** What the lookups of a chunk found, or why the target could not answer now. */
    public sealed interface Found {

        /** Per value, the IDs of the records it names: none, one, or several. */
        record Ids(Map<String, List<String>> ids) implements Found {
        }

        /** The target throttled, refused or could not be reached: the lookup is asked again later. */
        record NotNow(RemoteAnswer answer) implements Found {
        }

        /** The target answered the lookup with errors: the rows that need it fail with this message. */
        record Broken(String message) implements Found {
        }
    }

    /** What became of creating a lookup's record, under the lookup policy create. */
    public sealed interface Creation {

        /** The target created the record: its ID. */
        record Created(String id) implements Creation {
        }

        /** The target did not create it, and said why; or whether it did is not known. Rows naming it fail. */
        record NotCreated(String message) implements Creation {
        }

        /** The target throttled, refused or could not be reached, without running the request: ask again later. */
        record NotNow(RemoteAnswer answer) implements Creation {
        }
    }

    /**
     * The mutation the overlay's {@code create} of a remote template's lookup column runs, such as
     * {@code createCategory}: the mutation that makes the records the lookup refers to. Empty without one.
     */
    public Optional<String> creatingMutation(ImportTemplate template, String reference) {
        return targets.lookup(template, reference).map(Overlay.LookupRule::create).filter(create -> create != null)
                .map(create -> create.strip().split("[^A-Za-z0-9_]", 2)[0]).filter(name -> !name.isEmpty());
    }

    /** Whether the overlay says how to create the records of a remote template's lookup column. */
    public boolean creates(ImportTemplate template, String reference) {
        return targets.lookup(template, reference).map(rule -> rule.create() != null).orElse(false);
    }

    /**
     * Creates the record a lookup value names with the overlay's {@code create} mutation, as the uploader, holding one
     * of the target's slots. The caller has looked the value up first and found nothing.
     */
    public Creation create(ImportTemplate template, String reference, String value, Uploader uploader) {
        String target = template.target();
        Optional<Overlay.LookupRule> rule = targets.lookup(template, reference).filter(r -> r.create() != null);
        if (rule.isEmpty()) {
            return new Creation.NotCreated("the overlay of target " + target + " says no way to create the records of "
                    + reference);
        }
        TargetSlots.Held slot = slots.acquire(target, 1);
        if (slot.count() == 0) {
            return new Creation.NotNow(new RemoteAnswer.NotSent("interrupted"));
        }
        GraphQLHttp.Answer answer;
        try {
            answer = targets.http(target).post("mutation IntakeCreate($value: String!) { " + rule.get().create() + " }",
                    Map.of("value", value), sender.headers(target, uploader, null));
        } catch (BearerTokens.Unavailable e) {
            return new Creation.NotNow(new RemoteAnswer.Refused(e.getMessage()));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new Creation.NotNow(new RemoteAnswer.NotSent("target " + target + " cannot be reached"));
        } catch (IOException e) {
            return new Creation.NotCreated("creating it got no answer from target " + target + " (" + e.getMessage()
                    + "); whether it exists is not known, so the rows that name it were not sent");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Creation.NotNow(new RemoteAnswer.NotSent("interrupted"));
        } finally {
            slots.release(slot);
        }
        Optional<RemoteAnswer> notRun = sender.notRun(target, answer);
        if (notRun.isPresent()) {
            return new Creation.NotNow(notRun.get());
        }
        JsonNode body = answer.body();
        if (body == null) {
            return new Creation.NotCreated("target " + target + " answered HTTP " + answer.status() + " with no"
                    + " GraphQL answer; whether it exists is not known, so the rows that name it were not sent");
        }
        List<String> messages = new ArrayList<>();
        body.path("errors").forEach(error -> messages.add(error.path("message").asText("(no message)")));
        collectUserErrors(body.path("data"), messages);
        if (!messages.isEmpty()) {
            return new Creation.NotCreated("target " + target + " did not create it: " + String.join("; ", messages));
        }
        List<String> ids = new ArrayList<>();
        collectIds(body.path("data"), ids);
        if (ids.size() != 1) {
            return new Creation.NotCreated("target " + target + " answered the creation with " + ids.size() + " IDs;"
                    + " whether it exists is not known, so the rows that name it were not sent");
        }
        return new Creation.Created(ids.get(0));
    }

    /** The messages of every non-empty {@code userErrors} list in an answer. */
    private static void collectUserErrors(JsonNode node, List<String> messages) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                if (entry.getKey().equals("userErrors") && entry.getValue().isArray()) {
                    entry.getValue().forEach(error -> messages.add(error.path("message").asText("(no message)")));
                } else {
                    collectUserErrors(entry.getValue(), messages);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectUserErrors(child, messages));
        }
    }

    /**
     * Finds the records that rows whose answers were lost may have made, by the natural key the template's overlay
     * names ({@code find}, with {@code $value} repeated under aliases): per value, the IDs found.
     */
    public Found findMade(ImportTemplate template, Collection<String> values, Uploader uploader) {
        RemotePayload.InDoubt inDoubt = targets.payload(template).map(RemotePayload::inDoubt)
                .orElse(RemotePayload.InDoubt.NONE);
        if (inDoubt.find() == null) {
            return new Found.Broken("the overlay of target " + template.target() + " says no way to find a record of "
                    + template.name());
        }
        Overlay.LookupRule rule = new Overlay.LookupRule(0, template.entity(), inDoubt.findBy(), inDoubt.find());
        Map<String, List<String>> ids = new HashMap<>();
        List<String> distinct = values.stream().distinct().toList();
        for (int start = 0; start < distinct.size(); start += ALIASES_PER_REQUEST) {
            Found found = ask(template.target(), rule, distinct.subList(start, Math.min(distinct.size(),
                    start + ALIASES_PER_REQUEST)), uploader, "IntakeFind");
            if (!(found instanceof Found.Ids some)) {
                return found;
            }
            ids.putAll(some.ids());
        }
        return new Found.Ids(ids);
    }

    /** Whether the column of a remote template has a lookup rule. */
    public boolean knows(ImportTemplate template, String reference) {
        return targets.lookup(template, reference).isPresent();
    }

    /**
     * The values that name no record in the target, for the mapping step to list; empty when the target cannot answer
     * now (the rows are checked again when they run).
     */
    public java.util.Set<String> unmatched(ImportTemplate template, String reference, Collection<String> values,
            Uploader uploader) {
        if (values.isEmpty() || !knows(template, reference)) {
            return java.util.Set.of();
        }
        Found found = find(template, reference, values, uploader);
        java.util.Set<String> unmatched = new java.util.LinkedHashSet<>();
        if (found instanceof Found.Ids ids) {
            ids.ids().forEach((value, records) -> {
                if (records.isEmpty()) {
                    unmatched.add(value);
                }
            });
        }
        return unmatched;
    }

    public Found find(ImportTemplate template, String reference, Collection<String> values, Uploader uploader) {
        Optional<Overlay.LookupRule> rule = targets.lookup(template, reference);
        if (rule.isEmpty()) {
            return new Found.Broken("the overlay of target " + template.target() + " gives no lookup for " + reference);
        }
        Map<String, List<String>> ids = new HashMap<>();
        List<String> distinct = values.stream().distinct().toList();
        int size = rule.get().manyAtOnce() ? VALUES_PER_REQUEST : ALIASES_PER_REQUEST;
        for (int start = 0; start < distinct.size(); start += size) {
            List<String> part = distinct.subList(start, Math.min(distinct.size(), start + size));
            Found found = ask(template.target(), rule.get(), part, uploader);
            if (!(found instanceof Found.Ids some)) {
                return found;
            }
            ids.putAll(some.ids());
        }
        return new Found.Ids(ids);
    }

    private Found ask(String target, Overlay.LookupRule rule, List<String> values, Uploader uploader) {
        return ask(target, rule, values, uploader, "IntakeLookup");
    }

    /** Asks the rule's query for the values, as the operation of that name (so the target's logs tell them apart). */
    private Found ask(String target, Overlay.LookupRule rule, List<String> values, Uploader uploader,
            String operation) {
        String query;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (rule.manyAtOnce()) {
            query = "query " + operation + "($values: [String!]!) { " + rule.query() + " }";
            variables.put("values", values);
        } else {
            StringBuilder definitions = new StringBuilder();
            StringBuilder fields = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                definitions.append(i == 0 ? "" : ", ").append("$v").append(i).append(": String!");
                fields.append(" v").append(i).append(": ")
                        .append(VALUE_VARIABLE.matcher(rule.query()).replaceAll(Matcher.quoteReplacement("$v" + i)));
                variables.put("v" + i, values.get(i));
            }
            query = "query " + operation + "(" + definitions + ") {" + fields + " }";
        }
        GraphQLHttp.Answer answer;
        TargetSlots.Held slot = slots.acquire(target, 1);
        if (slot.count() == 0) {
            return new Found.NotNow(new RemoteAnswer.NotSent("interrupted"));
        }
        try {
            answer = targets.http(target).post(query, variables, sender.headers(target, uploader, null));
        } catch (BearerTokens.Unavailable e) {
            return new Found.NotNow(new RemoteAnswer.Refused(e.getMessage()));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new Found.NotNow(new RemoteAnswer.NotSent("target " + target + " cannot be reached for a lookup"));
        } catch (IOException e) {
            return new Found.NotNow(new RemoteAnswer.NotSent("the lookup request to target " + target + " failed ("
                    + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Found.NotNow(new RemoteAnswer.NotSent("interrupted"));
        } finally {
            slots.release(slot);
        }
        Optional<RemoteAnswer> notRun = sender.notRun(target, answer);
        if (notRun.isPresent()) {
            return new Found.NotNow(notRun.get());
        }
        if (answer.status() >= 500) {
            // a lookup only reads, so asking again is safe whatever the server did
            return new Found.NotNow(new RemoteAnswer.NotSent("target " + target + " answered a lookup with HTTP "
                    + answer.status()));
        }
        JsonNode body = answer.body();
        if (body == null || body.path("errors").isArray() && !body.path("errors").isEmpty()
                || !body.path("data").isObject()) {
            String message = body == null ? "HTTP " + answer.status() + " with no GraphQL answer"
                    : body.path("errors").path(0).path("message").asText("no data");
            return new Found.Broken("the lookup of target " + target + " failed: " + message);
        }
        Map<String, List<String>> ids = new HashMap<>();
        if (rule.manyAtOnce()) {
            values.forEach(value -> ids.put(value, new ArrayList<>()));
            collectRecords(body.path("data"), rule.field(), ids);
        } else {
            for (int i = 0; i < values.size(); i++) {
                List<String> found = new ArrayList<>();
                collectIds(body.path("data").path("v" + i), found);
                ids.put(values.get(i), found);
            }
        }
        return new Found.Ids(ids);
    }

    /** Every object of the answer with an {@code id} and the lookup's field: the field's value names the ID. */
    private static void collectRecords(JsonNode node, String field, Map<String, List<String>> ids) {
        if (node.isObject()) {
            JsonNode id = node.path("id");
            JsonNode key = node.path(field);
            if (id.isValueNode() && key.isValueNode() && ids.containsKey(key.asText())) {
                ids.get(key.asText()).add(id.asText());
            }
            node.forEach(child -> collectRecords(child, field, ids));
        } else if (node.isArray()) {
            node.forEach(child -> collectRecords(child, field, ids));
        }
    }

    private static void collectIds(JsonNode node, List<String> ids) {
        if (node.isObject()) {
            JsonNode id = node.path("id");
            if (id.isValueNode() && !id.isNull()) {
                ids.add(id.asText());
            }
            node.fields().forEachRemaining(entry -> {
                if (!entry.getKey().equals("id")) {
                    collectIds(entry.getValue(), ids);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectIds(child, ids));
        }
    }
}
