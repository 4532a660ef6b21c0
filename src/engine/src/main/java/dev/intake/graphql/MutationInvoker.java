package dev.intake.graphql;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import dev.intake.security.CallerScope;
import dev.intake.security.Uploader;
import dev.intake.target.RowExecutor;
import dev.intake.target.RowResult;
import dev.intake.target.RowSession;
import dev.intake.target.UploaderIdentity;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RowOperation;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionService;

/**
 * The in-process row executor: runs a template's mutation for rows through the same SmallRye GraphQL engine that
 * serves {@code /graphql}, on the calling thread and in its transaction, as the uploader.
 */
@ApplicationScoped
public class MutationInvoker implements RowExecutor {

    /** Found once: {@code Json.createObjectBuilder()} looks the provider up on every call, on the class path. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ExecutionService executionService;

    @Inject
    UploaderIdentity<SecurityIdentity> identities;

    /** Several-row documents by operation and number of rows: few, since segments are cut into equal groups. */
    private final Map<DocumentKey, String> documents = new ConcurrentHashMap<>();

    /**
     * A session whose rows share one request context, in which the uploader is the caller: the rows' mutations see the
     * same user, roles and organisation as an API call by the uploader.
     */
    @Override
    public RowSession open(Uploader uploader) {
        CallerScope scope = CallerScope.of(identities.of(uploader));
        return new RowSession() {
            @Override
            public RowResult run(ImportTemplate template, Map<String, Object> variables) {
                return invoke(template, variables, scope);
            }

            @Override
            public Optional<List<RowResult>> runAll(ImportTemplate template, List<Map<String, Object>> rows,
                    IntConsumer rowStarts) {
                return invokeAll(template, rows, scope, rowStarts);
            }

            @Override
            public RowResult query(String document, Map<String, Object> variables) {
                ExecutionResult result = execute(document, variables, scope);
                return result.getErrors().isEmpty() ? RowResult.of(result.getData())
                        : new RowResult(result.getData(), result.getErrors());
            }

            @Override
            public void close() {
                scope.close();
            }
        };
    }

    /** Runs one row's mutation: its result value, or the errors it ended with. */
    private RowResult invoke(ImportTemplate template, Map<String, Object> variables, CallerScope scope) {
        ExecutionResult result = execute(template.document(), variables, scope);
        if (!result.getErrors().isEmpty()) {
            return RowResult.failed(result.getErrors());
        }
        return RowResult.of(result.getData() instanceof Map<?, ?> root ? root.get(template.name()) : null);
    }

    /**
     * Runs several rows in one operation (see {@link RowOperation}), telling {@code rowStarts} the index of each row
     * as it starts. Empty when the operation was refused as a whole before any row ran, as GraphQL does when
     * a variable does not fit its type: run those rows one at a time to find the one at fault.
     *
     * @throws IllegalStateException when an error names no row although rows ran, or the result is lost
     */
    private Optional<List<RowResult>> invokeAll(ImportTemplate template, List<Map<String, Object>> rows,
            CallerScope scope, IntConsumer rowStarts) {
        Map<String, Object> variables = new HashMap<>();
        for (int row = 0; row < rows.size(); row++) {
            for (Map.Entry<String, Object> argument : rows.get(row).entrySet()) {
                variables.put(RowOperation.variable(row, argument.getKey()), argument.getValue());
            }
        }
        String document = documents.computeIfAbsent(new DocumentKey(template.operation(), rows.size()),
                key -> key.operation().document(key.rows()));
        ExecutionResult[] result = new ExecutionResult[1];
        RowStarts.listening(rowStarts, () -> result[0] = execute(document, variables, scope));
        Map<?, ?> data = result[0].getData() instanceof Map<?, ?> root ? root : null;
        List<List<GraphQLError>> errors = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            errors.add(new ArrayList<>());
        }
        for (GraphQLError error : result[0].getErrors()) {
            List<Object> path = error.getPath();
            int row = path == null || path.isEmpty() ? -1 : RowOperation.rowOf(String.valueOf(path.get(0)));
            if (row < 0 || row >= rows.size()) {
                if (data == null) {
                    return Optional.empty();
                }
                throw new IllegalStateException("An error of a several-row operation names no row: " + error.getMessage());
            }
            errors.get(row).add(error);
        }
        if (data == null) {
            throw new IllegalStateException("A several-row operation lost its result; its mutation's result must be nullable");
        }
        List<RowResult> results = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            results.add(errors.get(row).isEmpty() ? RowResult.of(data.get(RowOperation.alias(row)))
                    : RowResult.failed(errors.get(row)));
        }
        return Optional.of(results);
    }

    private ExecutionResult execute(String document, Map<String, Object> variables, CallerScope scope) {
        JsonObject request = JSON.createObjectBuilder()
                .add("query", document)
                .add("operationName", "Import")
                .build();
        Map<String, Object> context = new HashMap<>();
        scope.putInto(context);
        context.put(ImportFetching.MARKER, Boolean.TRUE);
        context.put(ImportVariables.KEY, variables);
        ExecutionResponse[] response = new ExecutionResponse[1];
        executionService.executeSync(request, context, written -> response[0] = written);
        return response[0].getExecutionResult();
    }

    private record DocumentKey(RowOperation operation, int rows) {
    }
}
