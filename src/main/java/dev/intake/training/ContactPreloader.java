package dev.intake.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.id.GlobalId;
import dev.intake.preload.RecordPreloader;

/**
 * Loads the contacts a chunk of {@code updateContact} or {@code upsertContact} rows names, by ID and by email
 * address, in a query each for the chunk: the contacts go into the transaction's persistence context, where finding
 * one by ID costs nothing, and {@link ContactKeys} remembers who has each address, and which addresses no one has.
 */
@ApplicationScoped
class ContactPreloader implements RecordPreloader {

    private static final Set<String> MUTATIONS = Set.of("updateContact", "upsertContact");

    @Inject
    ContactKeys keys;

    @Override
    public Set<String> mutations() {
        return MUTATIONS;
    }

    @Override
    public void preload(String mutation, String organisation, List<Map<String, Object>> variables) {
        Set<Long> ids = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (Map<String, Object> row : variables) {
            if (!(row.get("input") instanceof Map<?, ?> input)) {
                continue;
            }
            if (input.get("id") instanceof String id) {
                GlobalId.decode(ContactView.TYPE, id).ifPresent(ids::add);
            }
            if ("upsertContact".equals(mutation) && input.get("id") == null
                    && input.get("emailAddress") instanceof String email && ContactKeys.key(organisation, email) != null) {
                emails.add(email.toLowerCase(Locale.ROOT));
            }
        }
        if (!ids.isEmpty()) {
            Contact.list("organisation = ?1 and id in ?2", organisation, new ArrayList<>(ids));
        }
        if (!emails.isEmpty()) {
            List<Contact> found = Contact.list("organisation = ?1 and lower(emailAddress) in ?2", organisation,
                    new ArrayList<>(emails));
            for (String email : emails) {
                keys.remember(organisation, email, null);
            }
            for (Contact contact : found) {
                keys.remember(organisation, contact.emailAddress, contact.id);
            }
        }
    }
}
