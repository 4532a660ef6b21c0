package dev.intake.graphql;

import java.util.Map;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.smallrye.graphql.spi.EventingService;

/**
 * Hands the import engine's operations their variables as the engine built them. SmallRye GraphQL takes a request
 * as a JSON-P object, so the engine's maps were copied into one and SmallRye copied them back into maps for
 * graphql-java: for every operation of up to 50 rows, about a tenth of a created row's CPU in the workers. The
 * engine now puts its map in the operation's GraphQL context under {@link #KEY} and sends no variables in the
 * request; this instrumentation gives the map to graphql-java as the operation's variables, before it coerces
 * them. Numbers reach the scalars as the engine typed them (whole numbers as {@code BigInteger}) instead of as
 * {@code BigDecimal}; graphql-java's and SmallRye's scalars take either. API requests carry no such key and keep
 * their variables.
 * <p>
 * Registered with {@link java.util.ServiceLoader} ({@code META-INF/services}), as SmallRye GraphQL finds its
 * eventing services.
 */
public final class ImportVariables implements EventingService {

    /** The GraphQL context key under which an import operation's variables travel. */
    static final String KEY = "intake.import-variables";

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return InstrumentationChain.append(builder, new FromContext());
    }

    private static final class FromContext extends SimplePerformantInstrumentation {

        @Override
        @SuppressWarnings("unchecked")
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            if (!(input.getGraphQLContext().get(KEY) instanceof Map<?, ?> variables)) {
                return input;
            }
            return input.transform(builder -> builder.variables((Map<String, Object>) variables));
        }
    }
}
