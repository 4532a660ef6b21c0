package dev.intake.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.config.IntakeConfig;
import dev.intake.metrics.ImportMetrics;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateProvider;
import graphql.schema.GraphQLSchema;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.runtime.StartupEvent;

/**
 * The remote targets the operator configured ({@code intake.targets.<name>}) and the templates their schemas give.
 * <p>
 * At start, and when an admin refreshes one, a target's schema is read (by introspection, or from its file) and
 * stored with its hash; a target that cannot be reached keeps the templates of its last stored schema, and says why.
 * The templates are built from the stored schema, so every instance serves the same ones.
 */
@ApplicationScoped
public class RemoteTargets implements TemplateProvider {

    private static final Logger LOG = Logger.getLogger(RemoteTargets.class);

    private final Map<String, IntakeConfig.Target> configured;
    private final TargetSchemaStore store;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<String, GraphQLHttp> clients = new ConcurrentHashMap<>();

    /** A target as last loaded: what admins see, and its templates. */
    private record Loaded(TargetStatus status, List<ImportTemplate> templates, Map<String, RemotePayload> payloads,
            Map<String, Map<String, Overlay.LookupRule>> lookups) {
    }

    private final OidcClients oidcClients;
    private final ImportMetrics metrics;

    @Inject
    public RemoteTargets(IntakeConfig config, TargetSchemaStore store, ObjectMapper json, Clock clock,
            OidcClients oidcClients, ImportMetrics metrics) {
        this.metrics = metrics;
        this.configured = new TreeMap<>(config.targets());
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.oidcClients = oidcClients;
    }

    /** Reads every target once the engine's tables exist; a target that cannot be reached does not stop the start. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) StartupEvent event) {
        for (String name : configured.keySet()) {
            TargetStatus status = refresh(name).orElseThrow();
            if (status.problem() != null) {
                LOG.warnf("Target %s: %s", name, status.problem());
            }
            status.overlayProblems().forEach(problem -> LOG.errorf("Target %s, overlay %s", name, problem));
            status.skipped().forEach(skipped -> LOG.warnf("Target %s: %s", name, skipped));
        }
    }

    /** The configured targets' names, in order. */
    public List<String> names() {
        return List.copyOf(configured.keySet());
    }

    public Optional<TargetStatus> status(String name) {
        return Optional.ofNullable(loaded.get(name)).map(Loaded::status);
    }

    public List<TargetStatus> statuses() {
        return configured.keySet().stream().map(loaded::get).filter(java.util.Objects::nonNull).map(Loaded::status)
                .toList();
    }

    @Override
    public List<ImportTemplate> templates() {
        List<ImportTemplate> all = new ArrayList<>();
        for (String name : configured.keySet()) {
            all.addAll(loaded(name).templates());
        }
        return all;
    }

    /**
     * A target as loaded; before its first read at start has ended (a worker may run first), built from its stored
     * schema, so that a restart never finds a template missing.
     */
    private Loaded loaded(String name) {
        Loaded target = loaded.get(name);
        if (target != null) {
            return target;
        }
        return loaded.computeIfAbsent(name, key -> build(key, configured.get(key), true, null, null));
    }

    /** Where a remote template's answer holds the ID and the input errors. */
    Optional<RemotePayload> payload(ImportTemplate template) {
        return configured.containsKey(template.target())
                ? Optional.ofNullable(loaded(template.target()).payloads().get(template.name()))
                : Optional.empty();
    }

    /** The lookup rule of a remote template's lookup column, by its reference. */
    Optional<Overlay.LookupRule> lookup(ImportTemplate template, String reference) {
        return configured.containsKey(template.target())
                ? Optional.ofNullable(loaded(template.target()).lookups().getOrDefault(template.name(), Map.of())
                        .get(reference))
                : Optional.empty();
    }

    /** Whether the target runs a query now, with these headers: the smallest there is, {@code { __typename }}. */
    boolean answers(String name, Map<String, String> headers) {
        try {
            GraphQLHttp.Answer answer = http(name).post("query IntakeProbe { __typename }", Map.of(), headers);
            return answer.status() / 100 == 2 && answer.body() != null && answer.body().path("data").isObject();
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A configured target's settings. */
    IntakeConfig.Target config(String name) {
        IntakeConfig.Target target = configured.get(name);
        if (target == null) {
            throw new IllegalArgumentException("No target is named " + name);
        }
        return target;
    }

    /** The HTTP client of a configured target. */
    GraphQLHttp http(String name) {
        return clients.computeIfAbsent(name, key -> http(key, config(key)));
    }

    /** Reads the target's schema again, stores it, and rebuilds its templates; empty for a name not configured. */
    public synchronized Optional<TargetStatus> refresh(String name) {
        IntakeConfig.Target target = configured.get(name);
        if (target == null) {
            return Optional.empty();
        }
        String problem = null;
        boolean reachable = true;
        try {
            String sdl;
            String source;
            if (target.schemaFile().isPresent()) {
                sdl = TargetSchemaReader.fromFile(name, target.schemaFile().get());
                source = "FILE";
            } else {
                sdl = TargetSchemaReader.introspect(name, http(name), json, Map.of());
                source = "INTROSPECTION";
            }
            store.save(name, sdl, source, clock.instant());
        } catch (TargetSchemaReader.SchemaUnavailable e) {
            problem = e.getMessage();
            reachable = e.reachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "Reading the schema of target " + name + " was interrupted";
            reachable = false;
        }
        java.time.Instant now = clock.instant();
        store.state(name, reachable, problem, now);
        Loaded result = build(name, target, reachable, problem, now);
        loaded.put(name, result);
        return Optional.of(result.status());
    }

    private Loaded build(String name, IntakeConfig.Target target, boolean reachable, String problem,
            java.time.Instant checkedAt) {
        Optional<TargetSchema> schema = store.latest(name);
        if (schema.isEmpty()) {
            return new Loaded(status(name, target, null, checkedAt, reachable, problem, List.of(), List.of(), List.of()),
                    List.of(), Map.of(), Map.of());
        }
        OverlayReader.Result overlay = overlay(target);
        GraphQLSchema graphql = RemoteTemplates.schema(schema.get().sdl());
        RemoteTemplates.Result read = overlay.problems().isEmpty()
                ? RemoteTemplates.read(name, graphql, overlay.overlay(), target.importRole())
                : new RemoteTemplates.Result(List.of(), Map.of(), Map.of(), overlay.problems(), List.of());
        return new Loaded(status(name, target, schema.get(), checkedAt, reachable, problem, read.problems(), read.skipped(),
                read.templates().stream().map(ImportTemplate::name).toList()), read.templates(), read.payloads(),
                read.lookups());
    }

    private static OverlayReader.Result overlay(IntakeConfig.Target target) {
        if (target.overlay().isEmpty()) {
            return new OverlayReader.Result(Overlay.EMPTY, List.of());
        }
        try {
            return OverlayReader.read(Files.readString(target.overlay().get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new OverlayReader.Result(Overlay.EMPTY, List.of(new OverlayProblem(0,
                    "the overlay file cannot be read: " + e.getMessage())));
        }
    }

    private static TargetStatus status(String name, IntakeConfig.Target target, TargetSchema schema,
            java.time.Instant checkedAt, boolean reachable, String problem, List<OverlayProblem> overlayProblems, List<String> skipped, List<String> templates) {
        return new TargetStatus(name, target.url().toString(), schema == null ? 0 : schema.version(),
                schema == null ? null : schema.hash(), schema == null ? null : schema.source(),
                schema == null ? null : schema.readAt(), checkedAt, reachable, problem,
                overlayProblems, skipped, templates, schema == null ? List.of() : schema.changes());
    }

    private GraphQLHttp http(String name, IntakeConfig.Target target) {
        BearerTokens tokens = null;
        if (target.oidcClient().isPresent()) {
            String id = target.oidcClient().get();
            tokens = new BearerTokens(name, id, oidcClients.getClient(id), target.timeout());
        }
        return new GraphQLHttp(target.url(), target.headers(), tokens, target.connectTimeout(), target.timeout(),
                json, (status, took) -> metrics.remoteAnswered(name, status, took));
    }
}
