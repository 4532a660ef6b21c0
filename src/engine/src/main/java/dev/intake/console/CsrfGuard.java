package dev.intake.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Refuses every state-changing console request (anything but GET, HEAD and OPTIONS under {@code /console}) that
 * does not carry the session's {@link CsrfToken} in its header, or that a browser says came from another site;
 * and sets the token's cookie on the response that made it. The API under {@code /imports} and {@code /graphql}
 * takes bearer tokens, which a browser never adds on its own, so it needs no such check.
 */
public class CsrfGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfToken token;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!console(request.getUriInfo().getPath()) || SAFE.contains(request.getMethod())) {
            return null;
        }
        if ("cross-site".equals(request.getHeaderString("Sec-Fetch-Site"))) {
            return refuse("The request came from another site");
        }
        Cookie cookie = request.getCookies().get(CsrfToken.COOKIE);
        String sent = request.getHeaderString(CsrfToken.HEADER);
        if (cookie == null || !CsrfToken.wellFormed(cookie.getValue()) || sent == null
                || !MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.US_ASCII),
                        sent.getBytes(StandardCharsets.US_ASCII))) {
            return refuse("The request did not carry this page's security token");
        }
        return null;
    }

    @ServerResponseFilter
    public void issue(ContainerRequestContext request, ContainerResponseContext response) {
        if (console(request.getUriInfo().getPath()) && token.issued()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, new NewCookie.Builder(CsrfToken.COOKIE)
                    .value(token.value()).path("/console").httpOnly(true).sameSite(NewCookie.SameSite.STRICT)
                    .secure("https".equals(request.getUriInfo().getRequestUri().getScheme())).build());
        }
    }

    private static boolean console(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    private static Response refuse(String why) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(why + "; reload the page and try again.").build();
    }
}
