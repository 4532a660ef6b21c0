package dev.intake.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrefetchSqlTest {

    @Test
    void one_statement_for_any_number_of_values_kept_to_the_organisation_where_records_belong_to_one() {
        assertEquals("select isbn, id from book where isbn = any (?) and library = ?",
                new PrefetchSql("book", "isbn", "id", "library").statement());
    }

    @Test
    void reference_data_that_every_organisation_shares_has_no_organisation_condition() {
        assertEquals("select code, id from currency where code = any (?)",
                new PrefetchSql("currency", "code", "id", null).statement());
    }
}
