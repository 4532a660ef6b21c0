package dev.intake.console;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells quarkus-oidc which console requests come from the page's scripts (htmx sends {@code HX-Request}), so
 * that when the session has ended they get status 499 instead of a redirect to the provider's sign-in page,
 * which a script cannot follow; the page then reloads and the browser signs in again.
 */
@ApplicationScoped
public class HtmxRequests implements JavaScriptRequestChecker {

    @Override
    public boolean isJavaScriptRequest(RoutingContext context) {
        return "true".equals(context.request().getHeader("HX-Request"));
    }
}
