package dev.intake.training;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What the current transaction knows of contacts by email address: which contact has it, or that none does. The
 * import's preload fills it for a chunk in one query, and every contact the transaction writes updates it, so an
 * upsert finds its contact without a query. Outside a transaction it knows nothing. Only ASCII addresses are
 * remembered: for them Java's lower case is PostgreSQL's, which the unique index compares.
 */
@ApplicationScoped
class ContactKeys {

    private static final Object RESOURCE = ContactKeys.class;

    /** A known answer: the contact's ID, or {@code null} when no contact has the address. */
    record Known(Long id) {
    }

    @Inject
    TransactionSynchronizationRegistry registry;

    /** What the transaction knows of this address, empty when it does not know. */
    Optional<Known> known(String organisation, String emailAddress) {
        Map<String, Known> memory = memory(false);
        String key = key(organisation, emailAddress);
        return memory == null || key == null ? Optional.empty() : Optional.ofNullable(memory.get(key));
    }

    /** Remembers which contact has the address; {@code null} for none. */
    void remember(String organisation, String emailAddress, Long id) {
        Map<String, Known> memory = memory(true);
        String key = key(organisation, emailAddress);
        if (memory != null && key != null) {
            memory.put(key, new Known(id));
        }
    }

    /** Forgets the address, when a write may have changed who has it in a way not remembered. */
    void forget(String organisation, String emailAddress) {
        Map<String, Known> memory = memory(false);
        String key = key(organisation, emailAddress);
        if (memory != null && key != null) {
            memory.remove(key);
        }
    }

    /** The key of an ASCII address, in lower case; {@code null} for others. */
    static String key(String organisation, String emailAddress) {
        if (emailAddress == null || !emailAddress.chars().allMatch(c -> c < 128)) {
            return null;
        }
        return organisation + '\u0000' + emailAddress.toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Known> memory(boolean create) {
        if (registry.getTransactionKey() == null) {
            return null;
        }
        Map<String, Known> memory = (Map<String, Known>) registry.getResource(RESOURCE);
        if (memory == null && create) {
            memory = new HashMap<>();
            registry.putResource(RESOURCE, memory);
        }
        return memory;
    }
}
