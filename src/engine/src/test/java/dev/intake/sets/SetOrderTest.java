package dev.intake.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SetOrderTest {

    private static final SetOrder.Member EVENTS = new SetOrder.Member("events.csv", Optional.of("Event"),
            Set.of("Location"));
    private static final SetOrder.Member CONTACTS = new SetOrder.Member("contacts.csv", Optional.of("Contact"),
            Set.of("Account", "Contact"));
    private static final SetOrder.Member ACCOUNTS = new SetOrder.Member("accounts.csv", Optional.of("Account"),
            Set.of("Account"));

    @Test
    void a_file_waits_for_the_file_that_creates_what_its_lookups_refer_to_and_not_for_itself() {
        List<Set<Integer>> waits = SetOrder.waits(List.of(EVENTS, CONTACTS, ACCOUNTS));
        assertEquals(List.of(Set.of(), Set.of(2), Set.of()), waits, "events refers to nothing the set creates");
        assertEquals(List.of(0, 2, 1), SetOrder.runOrder(waits));
    }

    @Test
    void two_files_creating_the_same_records_are_refused() {
        SetOrder.Refused refused = assertThrows(SetOrder.Refused.class, () -> SetOrder.waits(List.of(ACCOUNTS,
                new SetOrder.Member("more-accounts.csv", Optional.of("Account"), Set.of()))));
        assertEquals("Both accounts.csv and more-accounts.csv create Account records; a set has one file per kind of"
                + " record, so that the files referring to them know which to wait for", refused.getMessage());
    }

    @Test
    void files_that_wait_for_each_other_are_refused_naming_the_cycle() {
        SetOrder.Refused refused = assertThrows(SetOrder.Refused.class, () -> SetOrder.waits(List.of(
                new SetOrder.Member("a.csv", Optional.of("A"), Set.of("B")),
                new SetOrder.Member("b.csv", Optional.of("B"), Set.of("C")),
                new SetOrder.Member("c.csv", Optional.of("C"), Set.of("A")))));
        assertEquals("The files wait for each other: a.csv waits for b.csv waits for c.csv waits for a.csv (each refers"
                + " to records the next creates); import one of them on its own first", refused.getMessage());
    }

    @Test
    void an_update_file_creates_nothing_and_waits_for_the_file_that_creates_its_lookups_records() {
        SetOrder.Member updates = new SetOrder.Member("updates.csv", Optional.empty(), Set.of("Account"));
        assertEquals(List.of(Set.of(1), Set.of()), SetOrder.waits(List.of(updates, ACCOUNTS)));
    }
}
