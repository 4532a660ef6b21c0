package dev.intake.template;

import java.util.Optional;


/** What a batch says when it starts and its uploader lacks the role its template's mutation requires. */
public final class RoleWarning {

    private RoleWarning() {
    }

    /** The warning, when every row will fail with PERMISSION. */
    public static Optional<String> of(String user, java.util.List<String> roles, ImportTemplate template) {
        String role = template.requiredRole();
        if (role == null || roles.contains(role)) {
            return Optional.empty();
        }
        return Optional.of("Warning: " + user + " does not have the role " + role + " that " + template.name()
                + " requires, so every row will fail with PERMISSION. Ask for the role, or have someone who has it "
                + "upload the file.");
    }
}
