package dev.intake.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.intake.config.IntakeConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Copies the organisation from the token's configured claim (such as {@code org}) onto the identity. */
@ApplicationScoped
public class OrganisationClaim implements SecurityIdentityAugmentor {

    @Inject
    IntakeConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object organisation = token.getClaim(config.security().organisationClaim());
        if (organisation == null) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.ORGANISATION, organisation instanceof JsonString text ? text.getString()
                        : String.valueOf(organisation))
                .build());
    }
}
