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

    private void authenticated() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("A bearer token is required");
        }
    }
}
