package dev.intake.training;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What the current transaction knows of contacts: by email address, which contact has it, or that none does; by
 * ID, the contact itself, as the transaction's persistence context holds it. The import's preload fills it for a
 * chunk in one query, and every contact the transaction writes updates it, so an upsert finds its contact without
 * a query, and an update without asking Hibernate to find it (which cost a tenth of an update's CPU, twice per
 * row, for records already loaded). Outside a transaction it knows nothing. Only ASCII addresses are remembered:
 * for them Java's lower case is PostgreSQL's, which the unique index compares.
 */
@ApplicationScoped
class ContactKeys {

    private static final Object RESOURCE = ContactKeys.class;
    private static final Object HELD = Contact.class;

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

    /** Holds a contact the transaction's persistence context manages, to be found again by its ID. */
    void hold(Contact contact) {
        Map<Long, Contact> held = map(HELD, true);
        if (held != null) {
            held.put(contact.id, contact);
        }
    }

    /**
     * Remembers that no contact has this ID, as the preload found: a row naming it then fails without asking the
     * database again. A contact the transaction creates with the ID is held, which replaces this.
     */
    void holdNone(long id) {
        Map<Long, Contact> held = map(HELD, true);
        if (held != null) {
            held.putIfAbsent(id, null);
        }
    }

    /** What the transaction holds for the ID, in one lookup: a contact, the knowledge that none has it, or nothing. */
    Holding holding(long id) {
        Map<Long, Contact> held = map(HELD, false);
        if (held == null) {
            return Holding.UNKNOWN;
        }
        Contact contact = held.get(id);
        return contact != null ? new Holding(true, contact) : held.containsKey(id) ? Holding.NONE : Holding.UNKNOWN;
    }

    /** A contact held for an ID ({@code known} and {@code contact}), none ({@code known} alone), or unknown. */
    record Holding(boolean known, Contact contact) {
        static final Holding UNKNOWN = new Holding(false, null);
        static final Holding NONE = new Holding(true, null);

        boolean none() {
            return known && contact == null;
        }
    }

    /** The key of an ASCII address, in lower case; {@code null} for others. */
    static String key(String organisation, String emailAddress) {
        if (emailAddress == null || !isAscii(emailAddress)) {
            return null;
        }
        return organisation + '\u0000' + emailAddress.toLowerCase(Locale.ROOT);
    }

    /** Whether every character is ASCII; a loop, as this runs several times for every row of an import. */
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Known> memory(boolean create) {
        return map(RESOURCE, create);
    }

    @SuppressWarnings("unchecked")
    private <K, V> Map<K, V> map(Object resource, boolean create) {
        if (registry.getTransactionKey() == null) {
            return null;
        }
        Map<K, V> map = (Map<K, V>) registry.getResource(resource);
        if (map == null && create) {
            map = new HashMap<>();
            registry.putResource(resource, map);
        }
        return map;
    }
}
