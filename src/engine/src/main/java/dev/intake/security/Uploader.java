package dev.intake.security;

import java.util.List;


/**
 * The identity an import runs as: stored with the batch when the file is uploaded, and rebuilt by the worker
 * so that each row's mutation sees the same user, roles and organisation as an API call by the uploader.
 */
public record Uploader(String user, List<String> roles, String organisation) {

    public Uploader {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
