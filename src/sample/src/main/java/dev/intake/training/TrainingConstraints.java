package dev.intake.training;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.intake.error.ConstraintMessages;

/** What the sample domain's unique indexes mean to a user. */
@ApplicationScoped
public class TrainingConstraints implements ConstraintMessages {

    private static final Map<String, Explanation> EXPLANATIONS = Map.of(
            "contact_email_address_key", new Explanation("input/emailAddress", "another contact has this email address"),
            "account_name_key", new Explanation("input/name", "another account has this name"),
            "course_template_code_key", new Explanation("input/code", "another course template has this code"),
            "event_price_key", new Explanation("input/currency", "the event already has a price in this currency"));

    @Override
    public Optional<Explanation> explain(String constraint) {
        return Optional.ofNullable(EXPLANATIONS.get(constraint));
    }
}
