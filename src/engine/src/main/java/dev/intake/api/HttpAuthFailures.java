package dev.intake.api;

import jakarta.enterprise.event.Observes;
import jakarta.json.Json;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers requests refused before they reach an endpoint (an invalid or expired token) with Intake's error
 * body: the REST body of the interface contract, or a GraphQL error with {@code code: unauthorized} on
 * {@code /graphql}.
 */
public class HttpAuthFailures {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        boolean unauthorized = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException;
        if ((!unauthorized && !(failure instanceof ForbiddenException)) || context.response().headWritten()
                || isConsole(context.normalizedPath())) {
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

    /** The console's sign-in answers a browser with a redirect to the identity provider, not with JSON. */
    private static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    private static String graphqlError(String message, String code) {
        return Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("message", message)
                .add("extensions", Json.createObjectBuilder().add("code", code)))).build().toString();
    }
}
