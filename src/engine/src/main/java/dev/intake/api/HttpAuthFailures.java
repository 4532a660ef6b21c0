package dev.intake.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;

import dev.intake.config.IntakeConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers requests to Intake's REST API that are refused before they reach an endpoint (an invalid or expired token)
 * with Intake's error body. {@code /graphql} is the application's as much as Intake's, so its refusals get a GraphQL
 * error ({@code code: unauthorized}) only when the application asks for it
 * ({@code intake.security.graphql-auth-errors}); other paths are left as they are.
 */
public class HttpAuthFailures {

    @Inject
    IntakeConfig config;

    void install(@Observes Router router) {
        Handler<RoutingContext> handler = this::handle;
        router.route("/imports").order(Integer.MIN_VALUE).failureHandler(handler);
        router.route("/imports/*").order(Integer.MIN_VALUE).failureHandler(handler);
        if (config.security().graphqlAuthErrors()) {
            router.route("/graphql").order(Integer.MIN_VALUE).failureHandler(handler);
        }
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        boolean unauthorized = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException;
        if ((!unauthorized && !(failure instanceof ForbiddenException)) || context.response().headWritten()) {
            context.next();
            return;
        }
        int status = unauthorized ? 401 : 403;
        String code = unauthorized ? "unauthorized" : "forbidden";
        String message = unauthorized ? "A valid bearer token is required" : "The token does not allow this";
        String body = context.normalizedPath().startsWith("/graphql")
                ? graphqlError(unauthorized ? message + "; send it as 'Authorization: Bearer <token>'" : message, code)
                : RestErrors.json(ErrorBody.of(unauthorized ? "Unauthorized" : "Forbidden", code, message, null));
        if (unauthorized) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    private static String graphqlError(String message, String code) {
        return Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("message", message)
                .add("extensions", Json.createObjectBuilder().add("code", code)))).build().toString();
    }
}
