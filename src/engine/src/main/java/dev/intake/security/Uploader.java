package dev.intake.security;

import java.security.Principal;
import java.util.List;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The identity an import runs as: stored with the batch when the file is uploaded, and rebuilt by the worker
 * so that each row's mutation sees the same user, roles and organisation as an API call by the uploader.
 */
public record Uploader(String user, List<String> roles, String organisation) {

    public Uploader {
        roles = List.copyOf(roles);
    }

    public SecurityIdentity toIdentity() {
        Principal principal = () -> user;
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRoles(new java.util.HashSet<>(roles))
                .addAttribute(Caller.ORGANISATION, organisation)
                .build();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
