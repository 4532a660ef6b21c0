package dev.intake.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;

/** Instrumentations appended one at a time end in one flat chain, in the order they came. */
class InstrumentationChainTest {

    private final Instrumentation first = new SimplePerformantInstrumentation();
    private final Instrumentation second = new SimplePerformantInstrumentation();
    private final Instrumentation third = new SimplePerformantInstrumentation();

    @Test
    void appending_to_a_chain_extends_it_instead_of_nesting_it() {
        ChainedInstrumentation chain = InstrumentationChain.appended(
                InstrumentationChain.appended(InstrumentationChain.appended(first, second), third), first);

        assertEquals(List.of(first, second, third, first), chain.getInstrumentations());
    }

    @Test
    void nothing_before_makes_a_chain_of_one() {
        assertEquals(List.of(first), InstrumentationChain.appended(null, first).getInstrumentations());
    }

    @Test
    void a_chain_of_another_class_is_kept_whole() {
        ChainedInstrumentation special = new ChainedInstrumentation(List.of(first, second)) {
        };

        List<Instrumentation> chain = InstrumentationChain.appended(special, third).getInstrumentations();

        assertEquals(2, chain.size());
        assertSame(special, chain.get(0));
        assertSame(third, chain.get(1));
    }
}
