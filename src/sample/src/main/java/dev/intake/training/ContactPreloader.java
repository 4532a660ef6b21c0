package dev.intake.training;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import dev.intake.id.GlobalId;
import dev.intake.preload.RecordPreloader;

/**
 * Loads the contacts a chunk of {@code updateContact} or {@code upsertContact} rows names, by ID and by email
 * address, in a query each for the chunk: the contacts go into the transaction's persistence context, where finding
 * one by ID costs nothing, and {@link ContactKeys} remembers who has each address, and which addresses and IDs no one
 * has.
 */
@ApplicationScoped
class ContactPreloader implements RecordPreloader {

    private static final Set<String> MUTATIONS = Set.of("updateContact", "upsertContact");

    @Inject
    ContactKeys keys;

    @Inject
    EntityManager entityManager;

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
            Set<Long> missing = new HashSet<>(ids);
            for (Contact contact : entityManager.unwrap(Session.class).byMultipleIds(Contact.class)
                    .withBatchSize(ids.size()).enableOrderedReturn(false).multiLoad(List.copyOf(ids))) {
                if (contact != null) {
                    keys.hold(contact);
                    missing.remove(contact.id);
                }
            }
            missing.forEach(keys::holdNone);
        }
        if (!emails.isEmpty()) {
            List<Contact> found = byEmail(organisation, emails.toArray(String[]::new));
            for (String email : emails) {
                keys.remember(organisation, email, null);
            }
            for (Contact contact : found) {
                keys.remember(organisation, contact.emailAddress, contact.id);
                keys.hold(contact);
            }
        }
    }

    /**
     * The organisation's contacts with these addresses (in lower case), as managed entities. A native query with
     * one array parameter: an HQL {@code in} list is translated anew for every number of values, which cost more
     * than the query itself. By ID, Hibernate's own multi-load does the same, with a translation it keeps; it also
     * loads another organisation's contact, which {@code ContactService} then treats as missing.
     */
    @SuppressWarnings("unchecked")
    private List<Contact> byEmail(String organisation, String[] emails) {
        return entityManager.createNativeQuery("select * from contact where organisation = ?1 and "
                + "lower(email_address) = any(?2)", Contact.class).setParameter(1, organisation).setParameter(2, emails)
                .getResultList();
    }
}
