package dev.intake.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LookupAnswersTest {

    private static final LookupTarget<Object> BOOKS = new LookupTarget<>(Object.class, "book", "books", "isbn", "Book",
            "library");

    @Test
    void a_found_record_is_kept_by_organisation_and_value() {
        LookupCache.LookupAnswers answers = new LookupCache.LookupAnswers(new HashMap<>());
        answers.found(BOOKS, "lindisfarne", "9780141439518", 7);

        assertEquals(Optional.of(7L), answers.id(BOOKS, "lindisfarne", "9780141439518"));
        assertEquals(Optional.empty(), answers.id(BOOKS, "jarrow", "9780141439518"), "another library's is not it");
    }

    @Test
    void a_value_found_absent_is_no_id_until_a_record_of_it_is_found() {
        LookupCache.LookupAnswers answers = new LookupCache.LookupAnswers(new HashMap<>());
        answers.absent(BOOKS, "lindisfarne", "9780000000000");

        assertEquals(Optional.empty(), answers.id(BOOKS, "lindisfarne", "9780000000000"));
        assertTrue(answers.knownAbsent(BOOKS, "lindisfarne", "9780000000000"));

        answers.found(BOOKS, "lindisfarne", "9780000000000", 9);
        assertFalse(answers.knownAbsent(BOOKS, "lindisfarne", "9780000000000"));
        assertEquals(Optional.of(9L), answers.id(BOOKS, "lindisfarne", "9780000000000"));
    }
}
