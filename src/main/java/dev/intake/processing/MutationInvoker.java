package dev.intake.processing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import graphql.ExecutionResult;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionService;

/**
 * Runs a template's mutation for one row in-process, through the same SmallRye GraphQL engine that serves
 * {@code /graphql}, on the calling thread and in its transaction.
 */
@ApplicationScoped
public class MutationInvoker {

    /** Found once: {@code Json.createObjectBuilder()} looks the provider up on every call, on the class path. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ExecutionService executionService;

    /**
     * A request context shared by the rows of one unit of work, in which the uploader is the caller: the rows'
     * mutations see the same user, roles and organisation as an API call by the uploader. Close it when done.
     */
    public RequestScope openRequestScope(Uploader uploader) {
        return new RequestScope(Arc.container().requestContext(), uploader.toIdentity());
    }

    Invocation invoke(ImportTemplate template, Map<String, Object> variables, RequestScope scope) {
        JsonObject request = JSON.createObjectBuilder()
                .add("query", template.document())
                .add("operationName", "Import")
                .add("variables", JSON.createObjectBuilder(variables))
                .build();
        Map<String, Object> context = new HashMap<>();
        context.put("runBlocking", Boolean.TRUE);
        context.put("state", scope.state);
        ExecutionResponse[] response = new ExecutionResponse[1];
        executionService.executeSync(request, context, written -> response[0] = written);
        ExecutionResult result = response[0].getExecutionResult();
        if (!result.getErrors().isEmpty()) {
            return Invocation.failed(ExecutionErrors.classify(result.getErrors()));
        }
        Object value = result.getData() instanceof Map<?, ?> root ? root.get(template.name()) : null;
        if (value instanceof Map<?, ?> object) {
            Object id = object.get("id");
            Object created = object.get("created");
            return Invocation.succeeded(id == null ? null : String.valueOf(id),
                    created instanceof Boolean flag ? flag : null);
        }
        return Invocation.succeeded(value == null || value instanceof List<?> ? null : String.valueOf(value), null);
    }

    /**
     * The outcome of one mutation: the written record's ID and, when the result says, whether it was created; or
     * the failure.
     */
    record Invocation(String entityId, Boolean created, RowFailure failure) {

        static Invocation succeeded(String entityId, Boolean created) {
            return new Invocation(entityId, created, null);
        }

        static Invocation failed(RowFailure failure) {
            return new Invocation(null, null, failure);
        }

        boolean ok() {
            return failure == null;
        }
    }

    /**
     * The request context the data fetchers reactivate for each row: SmallRye GraphQL activates it from this
     * state and deactivates it after every field, so one state serves all rows and is destroyed once.
     */
    public static final class RequestScope implements AutoCloseable {
        private final ManagedContext context;
        private final InjectableContext.ContextState outer;
        private final InjectableContext.ContextState state;

        private RequestScope(ManagedContext context, SecurityIdentity identity) {
            this.context = context;
            this.outer = context.isActive() ? context.getState() : null;
            if (outer != null) {
                context.deactivate();
            }
            context.activate();
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
            this.state = context.getState();
            context.deactivate();
        }

        @Override
        public void close() {
            if (context.isActive()) {
                context.deactivate();
            }
            context.activate(state);
            context.terminate();
            if (outer != null) {
                context.activate(outer);
            }
        }
    }
}
