package dev.intake.remote;

import java.time.Duration;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.Tokens;

/**
 * A target's OAuth2 credential: the access token of a Quarkus OIDC client, fetched with the client's grant (usually
 * client credentials), kept until it nears its expiry, and dropped when the target refuses it. A refresh token, when
 * the provider gives one, is used before a new grant. The token is never part of a message or a log line.
 */
final class BearerTokens {

    /** No token could be had, so nothing was sent; the message says why, without the token. */
    static final class Unavailable extends java.io.IOException {

        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String target;
    private final String clientId;
    private final OidcClient client;
    private final Duration timeout;
    private Tokens tokens;

    /** @param client the OIDC client, or {@code null} when none of that name is configured (every use says so) */
    BearerTokens(String target, String clientId, OidcClient client, Duration timeout) {
        this.target = target;
        this.clientId = clientId;
        this.client = client;
        this.timeout = timeout;
    }

    /** The {@code Authorization} header's value: a kept token, or a new one. */
    synchronized String authorization() throws Unavailable {
        if (client == null) {
            throw new Unavailable("target " + target + " names OIDC client " + clientId + ", and no quarkus.oidc-client."
                    + clientId + ".* is configured", null);
        }
        if (tokens == null || tokens.isAccessTokenExpired() || tokens.isAccessTokenWithinRefreshInterval()) {
            tokens = fetch();
        }
        return "Bearer " + tokens.getAccessToken();
    }

    /** The target refused this value: the next request gets a new token (unless another caller already did). */
    synchronized void refused(String authorization) {
        if (tokens != null && authorization.equals("Bearer " + tokens.getAccessToken())) {
            tokens = null;
        }
    }

    private Tokens fetch() throws Unavailable {
        try {
            Tokens fresh = tokens != null && tokens.getRefreshToken() != null && !tokens.isRefreshTokenExpired()
                    ? client.refreshTokens(tokens.getRefreshToken()).await().atMost(timeout)
                    : client.getTokens().await().atMost(timeout);
            if (fresh == null || fresh.getAccessToken() == null || fresh.getAccessToken().isEmpty()) {
                throw new Unavailable("OIDC client " + clientId + " of target " + target + " got no access token",
                        null);
            }
            return fresh;
        } catch (OidcClientException | io.smallrye.mutiny.TimeoutException e) {
            throw new Unavailable("OIDC client " + clientId + " of target " + target + " could not get an access"
                    + " token: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}
