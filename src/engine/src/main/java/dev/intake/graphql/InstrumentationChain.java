package dev.intake.graphql;

import java.util.ArrayList;
import java.util.List;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Adds an instrumentation after those a GraphQL builder already holds, in one flat chain. A chain nested in a chain
 * pays its own bookkeeping for every field it instruments (a list of contexts, a state per member, a wrapped data
 * fetcher), and three of Intake's eventing services each add one: nested three deep, the chains' own work was 6–7%
 * of an imported row's worker samples, and flat it is 2%.
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
        if (existing != null && existing.getClass() == ChainedInstrumentation.class) {
            chain.addAll(((ChainedInstrumentation) existing).getInstrumentations());
        } else if (existing != null) {
            chain.add(existing);
        }
        chain.add(added);
        return new ChainedInstrumentation(chain);
    }
}
