package dev.intake.console;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The console session's CSRF token (the double-submit cookie pattern): a random value kept in an HttpOnly,
 * SameSite=Strict cookie of its own and written into every page, from which the page's scripts send it back in
 * the {@value #HEADER} header of each state-changing request. Another site can make the browser send the cookie
 * but can neither read the page nor set the header, so its forged requests are refused by {@link CsrfGuard}.
 */
@RequestScoped
public class CsrfToken {

    static final String COOKIE = "intake-console-csrf";
    static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    @Inject
    RoutingContext context;

    private String value;
    private boolean issued;

    /** The token this browser holds, or a new one that the response sets. */
    public String value() {
        if (value == null) {
            Cookie cookie = context.request().getCookie(COOKIE);
            if (cookie != null && wellFormed(cookie.getValue())) {
                value = cookie.getValue();
            } else {
                byte[] bytes = new byte[BYTES];
                RANDOM.nextBytes(bytes);
                value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                issued = true;
            }
        }
        return value;
    }

    /** Whether this request made a new token, which the response must set as the cookie. */
    boolean issued() {
        return issued;
    }

    static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars()
                .allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
