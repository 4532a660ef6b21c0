package dev.intake.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a transaction knows of contacts: by ID, those it holds and the IDs its preload found no contact for; by
 * address, only ASCII addresses, in lower case.
 */
@QuarkusTest
class ContactKeysTest {

    @Inject
    ContactKeys keys;

    @Test
    void only_ascii_addresses_have_a_key_and_case_does_not_matter() {
        assertEquals("acme\u0000ada@example.com", ContactKeys.key("acme", "Ada@Example.COM"));
        assertNull(ContactKeys.key("acme", "zoë@example.com"), "Java's lower case may not be PostgreSQL's");
        assertNull(ContactKeys.key("acme", "ada@example.com\u0080"));
        assertEquals("acme\u0000\u007f", ContactKeys.key("acme", "\u007f"));
        assertNull(ContactKeys.key("acme", null));
    }

    @Test
    void an_id_with_no_contact_stays_absent_until_the_transaction_holds_a_contact_with_it() {
        QuarkusTransaction.requiringNew().run(() -> {
            assertFalse(keys.holding(42).known(), "nothing is known before the preload");
            keys.holdNone(42);
            assertTrue(keys.holding(42).none());

            Contact created = new Contact();
            created.id = 42L;
            keys.hold(created);
            assertFalse(keys.holding(42).none(), "a contact created with the ID is held instead");
            assertSame(created, keys.holding(42).contact());

            keys.holdNone(42);
            assertSame(created, keys.holding(42).contact(), "a second preload does not hide a contact held");
        });
        QuarkusTransaction.requiringNew().run(() -> assertFalse(keys.holding(42).known(),
                "another transaction knows nothing of the first's"));
    }
}
