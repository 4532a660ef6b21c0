package dev.intake.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.intake.security.Caller;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.SourceLocation;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.graphql.execution.error.GraphQLExceptionWhileDataFetching;
import io.smallrye.graphql.spi.EventingService;

/**
 * Gives GraphQL errors of refused security checks a message. Quarkus refuses a {@code @RolesAllowed} field with
 * an exception that has none, and SmallRye GraphQL shows that message as it is, so the error's {@code message}
 * would be {@code null}, which the GraphQL specification does not allow. The message says what REST says, and
 * the {@code code} stays {@code unauthorized} or {@code forbidden}.
 * <p>
 * Intake's own fields check their roles themselves and refuse with these messages ({@code Caller#require}); this
 * is for the application's {@code @RolesAllowed} fields, every one of them, so it runs only when the application
 * turns it on with {@code intake.graphql.security-error-messages=true}. Registered with
 * {@link java.util.ServiceLoader} ({@code META-INF/services}), as SmallRye GraphQL finds its eventing services,
 * which loads it only when that setting is true.
 */
public final class SecurityErrorMessages implements EventingService {

    static final String UNAUTHORIZED = Caller.UNAUTHORIZED;
    static final String FORBIDDEN = Caller.FORBIDDEN;

    @Override
    public String getConfigKey() {
        return "intake.graphql.security-error-messages";
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return InstrumentationChain.append(builder, new FillMessages());
    }

    /** Replaces each security error without a message by the same error with one. */
    private static final class FillMessages extends SimplePerformantInstrumentation {

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (result.getErrors().stream().noneMatch(error -> messageFor(error) != null)) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
            for (GraphQLError error : result.getErrors()) {
                String message = messageFor(error);
                errors.add(message == null ? error : withMessage((ExceptionWhileDataFetching) error, message));
            }
            return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult().from(result)
                    .errors(errors).build());
        }

        /** The message a refused security check's error should have; {@code null} when it has one or is another. */
        private static String messageFor(GraphQLError error) {
            if (!(error instanceof ExceptionWhileDataFetching fetching)) {
                return null;
            }
            Throwable exception = fetching.getException();
            boolean silent = exception.getMessage() == null || exception.getMessage().isBlank();
            if (silent && exception instanceof UnauthorizedException) {
                return UNAUTHORIZED;
            }
            return silent && exception instanceof ForbiddenException ? FORBIDDEN : null;
        }

        private static GraphQLError withMessage(ExceptionWhileDataFetching error, String message) {
            List<SourceLocation> locations = error.getLocations();
            return new GraphQLExceptionWhileDataFetching(message, ResultPath.fromList(error.getPath()),
                    error.getException(), locations == null || locations.isEmpty() ? null : locations.get(0));
        }
    }
}
