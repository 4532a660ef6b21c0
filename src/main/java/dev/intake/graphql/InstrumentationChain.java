package dev.intake.graphql;

import java.util.ArrayList;
import java.util.List;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/** Adds an instrumentation after those a GraphQL builder already holds. */
final class InstrumentationChain {

    private InstrumentationChain() {
    }

    static GraphQL.Builder append(GraphQL.Builder builder, Instrumentation added) {
        // The builder does not say which instrumentation it holds: build once to read it (nothing else is kept).
        Instrumentation existing = builder.build().getInstrumentation();
        List<Instrumentation> chain = new ArrayList<>();
        if (existing != null) {
            chain.add(existing);
        }
        chain.add(added);
        return builder.instrumentation(new ChainedInstrumentation(chain));
    }
}
