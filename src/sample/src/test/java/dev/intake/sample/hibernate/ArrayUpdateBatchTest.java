package dev.intake.sample.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.hibernate.StaleStateException;
import org.junit.jupiter.api.Test;

import dev.intake.support.UniqueNames;
import dev.intake.training.Account;
import dev.intake.training.Contact;
import dev.intake.training.ContactStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hibernate's updates by key, sent as one statement per batch: every value arrives as it would one row at a time,
 * a row that is gone fails as stale, and a broken constraint fails with its name, as the engine's row isolation
 * expects.
 */
@QuarkusTest
class ArrayUpdateBatchTest {

    /** Values an array literal must quote and escape, and ones that look like its own syntax. */
    private static final List<String> AWKWARD = List.of("Ada \"the first\" O'Brien, {1}", "back\\slash \\\" end\\",
            "NULL", "", " spaced ", "日本語 ✓", "{a,b}", "line\nbreak\ttab");

    @Inject
    DataSource dataSource;

    @Test
    void a_flush_of_many_updates_sends_one_statement_per_batch_and_keeps_every_value() throws SQLException {
        String organisation = UniqueNames.of("ArrayUpdate");
        List<Long> ids = contacts(organisation, 450);
        QuarkusTransaction.requiringNew().run(() -> {
            Account other = account(organisation, "Other");
            for (Contact contact : Contact.<Contact>list("organisation = ?1 order by id", organisation)) {
                int i = ids.indexOf(contact.id);
                contact.firstName = AWKWARD.get(i % AWKWARD.size());
                contact.lastName = "Last " + i;
                contact.phone = i % 3 == 0 ? null : "+44 \"20\" " + i;
                contact.status = i % 2 == 0 ? ContactStatus.LEAD : ContactStatus.INACTIVE;
                contact.accountId = i % 2 == 0 ? other.id : contact.accountId;
                contact.customFields = Map.of("Note", "a \"quoted\" {brace}, back\\slash " + i);
            }
        });

        Map<Long, List<Object>> stored = new HashMap<>();
        int statements;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("""
                    select c.id, c.first_name, c.last_name, c.phone, c.status, a.name, c.custom_fields ->> 'Note'
                    from contact c join account a on a.id = c.account_id where c.organisation = ?""")) {
                select.setString(1, organisation);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        stored.put(row.getLong(1), List.of(row.getString(2), row.getString(3), String.valueOf(row.getString(4)),
                                row.getString(5), row.getString(6), row.getString(7)));
                    }
                }
            }
            statements = statementsThatWrote(connection, organisation);
        }
        for (int i = 0; i < ids.size(); i++) {
            List<Object> expected = List.of(AWKWARD.get(i % AWKWARD.size()), "Last " + i,
                    i % 3 == 0 ? "null" : "+44 \"20\" " + i, i % 2 == 0 ? "LEAD" : "INACTIVE",
                    organisation + (i % 2 == 0 ? " Other" : " Home"), "a \"quoted\" {brace}, back\\slash " + i);
            assertEquals(expected, stored.get(ids.get(i)), "contact " + i);
        }
        // Each statement gives the rows it writes its own command id: 450 single-row updates would give 450.
        assertEquals(3, statements, "450 updates in batches of 200 are three statements");
    }

    @Test
    void a_row_deleted_since_it_was_loaded_fails_the_flush_as_stale_and_nothing_is_written() throws SQLException {
        String organisation = UniqueNames.of("ArrayStale");
        List<Long> ids = contacts(organisation, 3);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            for (Contact contact : Contact.<Contact>list("organisation", organisation)) {
                contact.lastName = "Changed";
            }
            try (Connection other = dataSource.getConnection();
                    PreparedStatement delete = other.prepareStatement("delete from contact where id = ?")) {
                delete.setLong(1, ids.get(1));
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Contact.flush();
        }));

        assertTrue(causes(failure).stream().anyMatch(StaleStateException.class::isInstance), () -> "stale: " + failure);
        assertEquals(0L, QuarkusTransaction.requiringNew()
                .call(() -> Contact.count("organisation = ?1 and lastName = 'Changed'", organisation)));
    }

    @Test
    void a_unique_key_broken_by_one_row_fails_the_flush_with_the_constraint_named() {
        String organisation = UniqueNames.of("ArrayUnique");
        List<Long> ids = contacts(organisation, 3);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Contact first = Contact.findById(ids.get(0));
            Contact third = Contact.findById(ids.get(2));
            first.lastName = "Changed";
            third.emailAddress = first.emailAddress.toUpperCase();
            Contact.flush();
        }));

        SQLException sql = causes(failure).stream().filter(SQLException.class::isInstance).map(SQLException.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no SQL exception in " + failure));
        assertEquals("23505", sql.getSQLState());
        assertTrue(sql.getMessage().contains("contact_email_address_key"), sql::getMessage);
    }

    private List<Long> contacts(String organisation, int count) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account home = account(organisation, "Home");
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Contact contact = new Contact();
                contact.organisation = organisation;
                contact.firstName = "First";
                contact.lastName = "Contact " + i;
                contact.emailAddress = UniqueNames.email("array" + i);
                contact.status = ContactStatus.ACTIVE;
                contact.accountId = home.id;
                contact.persist();
                ids.add(contact.id);
            }
            return ids;
        });
    }

    private static Account account(String organisation, String name) {
        Account account = new Account();
        account.organisation = organisation;
        account.name = organisation + " " + name;
        account.persist();
        return account;
    }

    private static int statementsThatWrote(Connection connection, String organisation) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select count(distinct cmin::text) from contact where organisation = ?")) {
            select.setString(1, organisation);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
            for (Throwable suppressed : cause.getSuppressed()) {
                causes.addAll(causes(suppressed));
            }
        }
        return causes;
    }
}
