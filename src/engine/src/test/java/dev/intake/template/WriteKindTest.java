package dev.intake.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WriteKindTest {

    @Test
    void the_action_verb_says_what_rows_do() {
        assertEquals(WriteKind.CREATE, WriteKind.of("create"));
        assertEquals(WriteKind.CREATE, WriteKind.of("addPrices"));
        assertEquals(WriteKind.UPDATE, WriteKind.of("update"));
        assertEquals(WriteKind.UPSERT, WriteKind.of("upsert"));
        assertEquals(WriteKind.OTHER, WriteKind.of("archive"));
        assertEquals(WriteKind.OTHER, WriteKind.of(null));
    }
}
