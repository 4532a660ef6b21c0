package dev.intake.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A lookup is written lookup(entity, field) in templates and in stored layouts, and read back the same. */
class LookupFieldTest {

    @Test
    void the_written_form_reads_back_as_the_same_lookup() {
        LookupField lookup = new LookupField("accounts", "name");
        assertEquals("lookup(accounts, name)", lookup.text());
        assertEquals(lookup, LookupField.parse("lookup( accounts ,name )"));
    }

    @Test
    void layouts_stored_before_lookups_were_typed_still_read() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"lookup(accounts, name)\"", json.writeValueAsString(new LookupField("accounts", "name")));
        assertEquals(new LookupField("accounts", "name"), json.readValue("\"lookup(accounts, name)\"", LookupField.class));
    }

    @Test
    void text_of_another_form_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> LookupField.parse("accounts.name"));
        assertThrows(IllegalArgumentException.class, () -> LookupField.parse("lookup(accounts)"));
    }
}
