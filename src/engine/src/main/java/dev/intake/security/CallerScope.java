package dev.intake.security;

import java.util.Map;

import graphql.GraphQLContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A request context of its own, in which an identity is the caller, for GraphQL executions that have no request of
 * their own or outlive it: an import's rows, run as their uploader, and the states pushed to a subscription, resolved
 * as its subscriber. Quarkus's SmallRye GraphQL data fetchers reactivate the state they find under {@code "state"} in the
 * execution's GraphQL context when no request context is active, and deactivate it after every field: one state
 * serves every field of every execution, and is destroyed once, by {@link #close()}.
 */
public final class CallerScope implements AutoCloseable {

    /** Where Quarkus's data fetchers look for the request context state to reactivate. */
    private static final String STATE = "state";

    /** Whether Quarkus's data fetchers run on the calling thread rather than on a Vert.x worker. */
    private static final String RUN_BLOCKING = "runBlocking";

    private final InjectableContext.ContextState state;

    /** The request context that was active when the scope was made, paused until it is closed; or null. */
    private final InjectableContext.ContextState paused;

    private CallerScope(InjectableContext.ContextState state, InjectableContext.ContextState paused) {
        this.state = state;
        this.paused = paused;
    }

    /**
     * A scope for executions on this thread: no request context is active until it is closed (the data fetchers
     * activate this one), and the one that was active then comes back.
     */
    public static CallerScope of(SecurityIdentity identity) {
        ManagedContext context = Arc.container().requestContext();
        InjectableContext.ContextState outer = context.isActive() ? context.getState() : null;
        if (outer != null) {
            context.deactivate();
        }
        return new CallerScope(made(context, identity), outer);
    }

    /**
     * A scope for executions on other threads, later, as the current request's caller; the current request context
     * stays active.
     */
    public static CallerScope besideCurrentRequest() {
        ManagedContext context = Arc.container().requestContext();
        SecurityIdentity identity = Arc.container().instance(CurrentIdentityAssociation.class).get().getIdentity();
        InjectableContext.ContextState outer = context.getState();
        context.deactivate();
        try {
            return new CallerScope(made(context, identity), null);
        } finally {
            context.activate(outer);
        }
    }

    private static InjectableContext.ContextState made(ManagedContext context, SecurityIdentity identity) {
        context.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
            return context.getState();
        } finally {
            context.deactivate();
        }
    }

    /**
     * Has an execution's fields run in this scope, on the thread that executes them: an import's worker, or the
     * thread that pushes a subscription's states (which has no Vert.x context to hand blocking fields to).
     */
    public void putInto(Map<String, Object> graphQLContext) {
        graphQLContext.put(STATE, state);
        graphQLContext.put(RUN_BLOCKING, Boolean.TRUE);
    }

    /** The same, for an execution already under way. */
    public void putInto(GraphQLContext graphQLContext) {
        graphQLContext.put(STATE, state);
        graphQLContext.put(RUN_BLOCKING, Boolean.TRUE);
    }

    /** Destroys the context's beans; a context active on this thread stays so, and a paused one comes back. */
    @Override
    public void close() {
        ManagedContext context = Arc.container().requestContext();
        InjectableContext.ContextState current = context.isActive() ? context.getState() : null;
        if (current != null) {
            context.deactivate();
        }
        context.activate(state);
        context.terminate();
        if (current != null && current != state) {
            context.activate(current);
        } else if (paused != null) {
            context.activate(paused);
        }
    }
}
