package dev.intake.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;

/**
 * Adds an instrumentation after those a GraphQL builder already holds, in one flat chain. A chain nested in a chain
 * pays its own bookkeeping for every field it instruments (a list of contexts, a state per member, a wrapped data
 * fetcher), and three of Intake's eventing services each add one: nested three deep, the chains' own work was 6–7%
 * of an imported row's worker samples, and flat it is 2%.
 * <p>
 * The chain is {@link SparseChain}: graphql-java asks every instrumentation for a context at each field it executes,
 * fetches and completes, and a chain of several asks each member and collects the answers in lists, even when no
 * member does anything there. None of Intake's members nor SmallRye's query cache does, so the chain answers those
 * calls itself.
 */
final class InstrumentationChain {

    private InstrumentationChain() {
    }

    static GraphQL.Builder append(GraphQL.Builder builder, Instrumentation added) {
        // The builder does not say which instrumentation it holds: build once to read it (nothing else is kept).
        return builder.instrumentation(appended(builder.build().getInstrumentation(), added));
    }

    /** The instrumentations of {@code existing}, a plain chain taken apart, followed by {@code added}. */
    static ChainedInstrumentation appended(Instrumentation existing, Instrumentation added) {
        List<Instrumentation> chain = new ArrayList<>();
        if (existing != null && (existing.getClass() == ChainedInstrumentation.class || existing instanceof SparseChain)) {
            chain.addAll(((ChainedInstrumentation) existing).getInstrumentations());
        } else if (existing != null) {
            chain.add(existing);
        }
        chain.add(added);
        return new SparseChain(chain);
    }

    /**
     * A chain that calls the hooks graphql-java runs for every field (its execution, fetch and completion, a list's
     * completion, an object's execution) only when one of its members implements them. When none does, it answers
     * no context, which graphql-java takes as one that does nothing: the same as what such members answer, without
     * the calls and lists. Every other hook goes to every member, as in any chain.
     */
    static final class SparseChain extends ChainedInstrumentation {

        /** The classes whose hooks do nothing. */
        @SuppressWarnings("deprecation")
        private static final Set<Class<?>> DOING_NOTHING = Set.of(Instrumentation.class, SimpleInstrumentation.class,
                SimplePerformantInstrumentation.class);

        private final boolean fieldExecution;
        private final boolean fieldFetching;
        private final boolean fieldCompletion;
        private final boolean listCompletion;
        private final boolean objectExecution;

        SparseChain(List<Instrumentation> members) {
            super(members);
            fieldExecution = anyImplements(members, "beginFieldExecution", InstrumentationFieldParameters.class);
            fieldFetching = anyImplements(members, "beginFieldFetching", InstrumentationFieldFetchParameters.class)
                    || anyImplements(members, "beginFieldFetch", InstrumentationFieldFetchParameters.class);
            fieldCompletion = anyImplements(members, "beginFieldCompletion", InstrumentationFieldCompleteParameters.class);
            listCompletion = anyImplements(members, "beginFieldListCompletion",
                    InstrumentationFieldCompleteParameters.class);
            objectExecution = anyImplements(members, "beginExecuteObject",
                    InstrumentationExecutionStrategyParameters.class);
        }

        @Override
        public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
                InstrumentationState state) {
            return fieldExecution ? super.beginFieldExecution(parameters, state) : null;
        }

        @Override
        public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            return fieldFetching ? super.beginFieldFetching(parameters, state) : null;
        }

        @Override
        public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
                InstrumentationState state) {
            return fieldCompletion ? super.beginFieldCompletion(parameters, state) : null;
        }

        @Override
        public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
                InstrumentationState state) {
            return listCompletion ? super.beginFieldListCompletion(parameters, state) : null;
        }

        @Override
        public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
                InstrumentationState state) {
            return objectExecution ? super.beginExecuteObject(parameters, state) : null;
        }

        /** Whether a member's class, or one above it short of those doing nothing, declares the hook. */
        private static boolean anyImplements(List<Instrumentation> members, String hook, Class<?> parameters) {
            for (Instrumentation member : members) {
                try {
                    Class<?> declaring = member.getClass().getMethod(hook, parameters, InstrumentationState.class)
                            .getDeclaringClass();
                    if (!DOING_NOTHING.contains(declaring)) {
                        return true;
                    }
                } catch (NoSuchMethodException | SecurityException unknown) {
                    return true; // not known to do nothing: asked, as in any chain
                }
            }
            return false;
        }
    }
}
