package dev.intake.error;

import java.util.Optional;

/**
 * Explains the database's own rules to users. A unique index catches a duplicate that no query saw (two rows of
 * one import transaction, or a concurrent request); the domain says which input field it guards and what to tell
 * the user, and the import engine puts that on the row.
 */
public interface ConstraintMessages {

    /** The input field a constraint guards and a sentence for the user; empty for a constraint it does not know. */
    Optional<Explanation> explain(String constraint);

    /** Which input field, such as {@code input/emailAddress}, and what to say. */
    record Explanation(String field, String message) {
    }
}
