package dev.intake.id;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class GlobalIdTest {

    @Test
    void an_id_is_the_base64_of_its_type_and_number() {
        assertEquals("Q29udGFjdDo0Mg==", GlobalId.encode("Contact", 42));
        assertEquals(Optional.of(42L), GlobalId.decode("Contact", "Q29udGFjdDo0Mg=="));
    }

    @Test
    void an_id_of_another_type_or_no_id_at_all_decodes_to_nothing() {
        assertEquals(Optional.empty(), GlobalId.decode("Account", "Q29udGFjdDo0Mg=="));
        assertEquals(Optional.empty(), GlobalId.decode("Contact", "Acme Training"));
        assertEquals(Optional.empty(), GlobalId.decode("Contact", "42"));
        assertEquals(Optional.empty(), GlobalId.decode("Contact", ""));
    }
}
