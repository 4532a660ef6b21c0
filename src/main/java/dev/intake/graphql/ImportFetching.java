package dev.intake.graphql;

import java.util.List;
import java.util.Map;

import graphql.GraphQL;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.smallrye.graphql.spi.EventingService;

/**
 * Spares the import engine's operations SmallRye GraphQL's per-field selected-fields work. Before every data fetch
 * SmallRye lists the fields selected under it, for {@code Context.getSelectedFields()}, which makes graphql-java
 * normalise the whole operation, then walks it: about a tenth of an imported row's CPU, for a list no mutation
 * behind an import reads. The engine's operations select only what it records ({@code id}, {@code created}), so
 * within them the data fetchers see an empty selection instead. API calls keep theirs.
 * <p>
 * Registered with {@link java.util.ServiceLoader} ({@code META-INF/services}), as SmallRye GraphQL finds its
 * eventing services; it acts only on operations whose GraphQL context holds {@link #MARKER}.
 */
public final class ImportSelections implements EventingService {

    /** The GraphQL context key that marks an operation as the import engine's. */
    static final String MARKER = "intake.import-operation";

    private static final DataFetchingFieldSelectionSet NONE = new NoSelection();

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return InstrumentationChain.append(builder, new WithoutSelections());
    }

    private static final class WithoutSelections extends SimplePerformantInstrumentation {

        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            if (parameters.isTrivialDataFetcher() || !Boolean.TRUE.equals(parameters.getExecutionContext().getGraphQLContext().get(MARKER))) {
                return fetcher;
            }
            return environment -> fetcher.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment)
                    .selectionSet(NONE).build());
        }
    }

    /** A selection with no fields. */
    private static final class NoSelection implements DataFetchingFieldSelectionSet {

        @Override
        public boolean contains(String fieldGlobPattern) {
            return false;
        }

        @Override
        public boolean containsAnyOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public boolean containsAllOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public List<SelectedField> getFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getImmediateFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getFields(String fieldGlobPattern, String... fieldGlobPatterns) {
            return List.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() {
            return Map.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(String fieldGlobPattern,
                String... fieldGlobPatterns) {
            return Map.of();
        }
    }
}
