package dev.intake.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQL;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.SelectedField;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.spi.EventingService;

/**
 * Gives the data fetchers of the import engine's operations an environment that spares them three kinds of work
 * SmallRye GraphQL does for every field it fetches. API calls keep SmallRye's own.
 * <ul>
 * <li><b>Selections.</b> Before every data fetch SmallRye lists the fields selected under it, for
 * {@code Context.getSelectedFields()}, which makes graphql-java normalise the whole operation, then walks it: about a
 * tenth of an imported row's CPU, for a list no mutation behind an import reads. The engine's operations select only
 * what it records ({@code id}, {@code created}), so within them the data fetchers see an empty selection.</li>
 * <li><b>Input objects.</b> SmallRye binds an input object to its Java class by writing the map graphql-java coerced
 * into JSON text and reading that text with JSON-B. An input type whose class is a plain record ({@link InputRecords})
 * is bound straight from the map instead ({@link RecordBinder}), and the data fetcher receives the record, which
 * SmallRye passes on as it is. The mutation's validation and role checks run on it as on any call.</li>
 * <li><b>Fields of objects.</b> The fields of the records an operation answers are read without SmallRye's context
 * for each field ({@link PlainFieldReads}).</li>
 * </ul>
 * Registered with {@link java.util.ServiceLoader} ({@code META-INF/services}), as SmallRye GraphQL finds its
 * eventing services; it acts only on operations whose GraphQL context holds {@link #MARKER}.
 */
public final class ImportFetching implements EventingService {

    /** The GraphQL context key that marks an operation as the import engine's. */
    static final String MARKER = "intake.import-operation";

    private static final DataFetchingFieldSelectionSet NONE = new NoSelection();

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Map<String, RecordBinder> records = Map.of();
        PlainFieldReads fields = PlainFieldReads.none();
        try (InstanceHandle<Schema> schema = Arc.container().instance(Schema.class)) {
            if (schema.isAvailable() && schema.get() != null) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                records = InputRecords.of(schema.get(), loader);
                fields = PlainFieldReads.of(schema.get(), loader);
            }
        }
        return InstrumentationChain.append(builder, new ImportEnvironment(records, fields));
    }

    private static final class ImportEnvironment extends SimplePerformantInstrumentation {

        private final Map<String, RecordBinder> records;
        private final PlainFieldReads fields;

        ImportEnvironment(Map<String, RecordBinder> records, PlainFieldReads fields) {
            this.records = records;
            this.fields = fields;
        }

        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            if (!Boolean.TRUE.equals(parameters.getExecutionContext().getGraphQLContext().get(MARKER))) {
                return fetcher;
            }
            if (parameters.isTrivialDataFetcher()) {
                return fields.replacing(fetcher, parameters);
            }
            return environment -> {
                DataFetchingEnvironmentImpl.Builder changed = DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment)
                        .selectionSet(NONE);
                Map<String, Object> bound = boundArguments(environment);
                if (bound != null) {
                    changed.arguments(bound);
                }
                return fetcher.get(changed.build());
            };
        }

        /** The field's arguments with each plain input object bound to its record, or null to keep them as they are. */
        private Map<String, Object> boundArguments(DataFetchingEnvironment environment) {
            Map<String, Object> arguments = null;
            for (GraphQLArgument argument : environment.getFieldDefinition().getArguments()) {
                Object value = environment.getArgument(argument.getName());
                RecordBinder binder = GraphQLTypeUtil.unwrapNonNull(argument.getType()) instanceof GraphQLInputObjectType input
                        ? records.get(input.getName()) : null;
                if (binder == null || !(value instanceof Map<?, ?> map)) {
                    continue;
                }
                Object record = binder.bind(map);
                if (record == RecordBinder.UNBOUND) {
                    continue;
                }
                if (arguments == null) {
                    arguments = new LinkedHashMap<>(environment.getArguments());
                }
                arguments.put(argument.getName(), record);
            }
            return arguments;
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
