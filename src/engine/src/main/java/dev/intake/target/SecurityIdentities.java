package dev.intake.target;

import java.security.Principal;
import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.intake.security.Caller;
import dev.intake.security.Uploader;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The in-process uploader identity: a security identity with the uploader's name, roles and organisation, so that each
 * row's mutation sees the same caller as an API call by the uploader.
 */
@ApplicationScoped
public class SecurityIdentities implements UploaderIdentity<SecurityIdentity> {

    @Override
    public SecurityIdentity of(Uploader uploader) {
        Principal principal = uploader::user;
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRoles(new HashSet<>(uploader.roles()))
                .addAttribute(Caller.ORGANISATION, uploader.organisation())
                .build();
    }
}
