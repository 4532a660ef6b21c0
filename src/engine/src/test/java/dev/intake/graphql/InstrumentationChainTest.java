package dev.intake.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;

/**
 * Instrumentations appended one at a time end in one flat chain, in the order they came; a hook run for every field
 * reaches the members that implement it, and when none does, the chain answers it alone.
 */
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

    @Test
    void a_field_hook_that_no_member_implements_is_answered_by_the_chain_alone() {
        ChainedInstrumentation chain = InstrumentationChain.appended(InstrumentationChain.appended(first, second), third);
        InstrumentationState state = chain.createStateAsync(null).join();

        assertNull(chain.beginFieldExecution(null, state));
        assertNull(chain.beginFieldFetching(null, state));
        assertNull(chain.beginFieldCompletion(null, state));
        assertNull(chain.beginFieldListCompletion(null, state));
        assertNull(chain.beginExecuteObject(null, state));
    }

    @Test
    @SuppressWarnings("deprecation")
    void a_member_that_implements_a_field_hook_is_asked_through_the_chain() {
        List<String> asked = new ArrayList<>();
        Instrumentation completing = new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
                    InstrumentationState state) {
                asked.add("completion");
                return SimpleInstrumentationContext.noOp();
            }

            @Override
            public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                asked.add("fetch");
                return SimpleInstrumentationContext.noOp();
            }
        };
        ChainedInstrumentation chain = InstrumentationChain.appended(InstrumentationChain.appended(first, completing),
                second);
        InstrumentationState state = chain.createStateAsync(null).join();

        assertNotNull(chain.beginFieldCompletion(null, state));
        assertNotNull(chain.beginFieldFetching(null, state));
        assertNull(chain.beginFieldExecution(null, state));
        assertEquals(List.of("completion", "fetch"), asked);
    }
}
