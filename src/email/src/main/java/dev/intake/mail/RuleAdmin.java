package dev.intake.mail;

import java.util.Optional;

import dev.intake.security.Roles;

/**
 * Whether the admin who saved a rule may still have mail imported as them: a rule refuses mail once that admin's token,
 * seen after the rule was saved, lacks the import role. Saving the rule again, as an admin who has the role, lifts it.
 */
final class RuleAdmin {

    private RuleAdmin() {
    }

    /** Why the rule refuses mail; empty while it accepts. */
    static Optional<String> refusal(MailStore.Rule rule, Optional<MailStore.SeenRoles> seen) {
        if (seen.isEmpty() || !seen.get().seenAt().isAfter(rule.savedAt())
                || seen.get().roles().contains(Roles.IMPORT_ADMIN)) {
            return Optional.empty();
        }
        return Optional.of("the rule for " + rule.template() + " was saved by " + rule.savedBy() + ", who has since lost"
                + " the " + Roles.IMPORT_ADMIN + " role (their token of " + seen.get().seenAt() + " lacks it); an admin"
                + " with the role must save the rule again");
    }
}
