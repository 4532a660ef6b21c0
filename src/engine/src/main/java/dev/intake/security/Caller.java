package dev.intake.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: user name, roles and organisation of the current request, or of the import being run. */
@RequestScoped
public class Caller {

    /** The identity attribute that holds the caller's organisation. */
    public static final String ORGANISATION = "intake.organisation";

    /** What a refusal for a missing token says, on GraphQL as on REST. */
    public static final String UNAUTHORIZED = "A valid bearer token is required; send it as 'Authorization: Bearer <token>'";

    /** What a refusal for a missing role says. */
    public static final String FORBIDDEN = "The token does not allow this: it lacks the role that this field requires";

    @Inject
    SecurityIdentity identity;

    public String user() {
        authenticated();
        return identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        authenticated();
        return identity.getRoles();
    }

    /** Whether the token names an organisation, without which {@link #organisation()} refuses. */
    public boolean hasOrganisation() {
        return identity.getAttribute(ORGANISATION) instanceof String name && !name.isBlank();
    }

    /** The caller's organisation; a token without one may not touch organisation data. */
    public String organisation() {
        authenticated();
        Object organisation = identity.getAttribute(ORGANISATION);
        if (!(organisation instanceof String name) || name.isBlank()) {
            throw new ForbiddenException("The token names no organisation");
        }
        return name;
    }

    /**
     * Refuses a caller without a token, or without any of the roles, with an exception whose message says so: Intake's
     * GraphQL fields check their roles here rather than with {@code @RolesAllowed}, whose refusals have no message.
     */
    public void require(String... anyOf) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException(UNAUTHORIZED);
        }
        for (String role : anyOf) {
            if (identity.hasRole(role)) {
                return;
            }
        }
        throw new ForbiddenException(FORBIDDEN);
    }

    private void authenticated() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("A bearer token is required");
        }
    }
}
