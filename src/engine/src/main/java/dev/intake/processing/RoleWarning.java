package dev.intake.processing;

import java.util.Optional;

import dev.intake.batch.ImportBatch;
import dev.intake.template.ImportTemplate;

/** What a batch says when it starts and its uploader lacks the role its template's mutation requires. */
public final class RoleWarning {

    private RoleWarning() {
    }

    /** The warning, when every row will fail with PERMISSION. */
    public static Optional<String> of(ImportBatch batch, ImportTemplate template) {
        String role = template.requiredRole();
        if (role == null || batch.createdByRoles().contains(role)) {
            return Optional.empty();
        }
        return Optional.of("Warning: " + batch.createdBy() + " does not have the role " + role + " that " + template.name()
                + " requires, so every row will fail with PERMISSION. Ask for the role, or have someone who has it "
                + "upload the file.");
    }
}
