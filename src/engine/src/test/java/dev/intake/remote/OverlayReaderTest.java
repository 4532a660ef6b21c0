package dev.intake.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OverlayReaderTest {

    @Test
    void reads_every_section_with_the_line_of_each_entry() {
        OverlayReader.Result read = OverlayReader.read("""
                # the CRM's overlay
                mutations:
                  createContact:
                    entity: Person
                    action: add
                    id: createContact.contact.id
                    userErrors: userErrors
                  deleteContact:
                    importable: false
                lookups:
                  CreateContactInput.accountId:
                    entity: accounts
                    field: name
                    query: "accounts(filter: {name: {in: $values}}) { nodes { id name } }"
                aliases:
                  CreateContactInput.email: [E-mail, Mail]
                  CreateContactInput.firstName: Given name
                scalars:
                  Datetime: LocalDateTime
                """);
        assertEquals(List.of(), read.problems());
        Overlay overlay = read.overlay();
        Overlay.MutationRule create = overlay.mutations().get("createContact");
        assertEquals(new Overlay.MutationRule(3, null, "Person", "add", "createContact.contact.id", "userErrors"), create);
        assertEquals(Boolean.FALSE, overlay.mutations().get("deleteContact").importable());
        Overlay.LookupRule lookup = overlay.lookups().get("CreateContactInput.accountId");
        assertEquals(11, lookup.line());
        assertTrue(lookup.manyAtOnce());
        assertEquals(List.of("E-mail", "Mail"), overlay.aliases().get("CreateContactInput.email").names());
        assertEquals(List.of("Given name"), overlay.aliases().get("CreateContactInput.firstName").names());
        assertEquals("LocalDateTime", overlay.scalars().get("Datetime").columnType());
    }

    @Test
    void an_empty_file_is_an_empty_overlay() {
        assertEquals(new OverlayReader.Result(Overlay.EMPTY, List.of()), OverlayReader.read(""));
        assertEquals(new OverlayReader.Result(Overlay.EMPTY, List.of()), OverlayReader.read("# nothing yet\n"));
    }

    @Test
    void each_mistake_is_named_with_its_line_and_what_was_expected() {
        OverlayReader.Result read = OverlayReader.read("""
                mutations:
                  createContact:
                    importable: maybe
                    idd: contact.id
                lookups:
                  CreateContactInput.accountId:
                    entity: accounts
                    query: "accounts { nodes { id } }"
                scalars:
                  Money: Currency
                extras: {}
                """);
        assertEquals(List.of(
                new OverlayProblem(3, "mutation createContact: importable must be true or false, not maybe"),
                new OverlayProblem(4, "mutation createContact: unknown setting idd; expected one of action, clear, entity,"
                        + " find, findBy, id, idempotencyArgument, idempotencyDirective, idempotencyHeader, importable,"
                        + " read, restore, undo, userErrors"),
                new OverlayProblem(6, "lookup CreateContactInput.accountId: field is required"),
                new OverlayProblem(8, "lookup CreateContactInput.accountId: the query must use $value (one value) or"
                        + " $values (a list of values)"),
                new OverlayProblem(10, "scalar Money: the column type Currency is not one of " + String.join(", ",
                        OverlayReader.columnTypes())),
                new OverlayProblem(11, "unknown section extras; expected one of aliases, lookups, mutations, scalars")),
                read.problems());
        assertNull(read.overlay().lookups().get("CreateContactInput.accountId"));
    }

    @Test
    void a_file_that_is_not_yaml_or_repeats_a_key_is_refused_with_its_line() {
        OverlayReader.Result broken = OverlayReader.read("mutations:\n  createContact: [id\n");
        assertEquals(1, broken.problems().size());
        assertTrue(broken.problems().get(0).message().startsWith("not valid YAML"), broken.problems().toString());
        assertTrue(broken.problems().get(0).line() >= 2, broken.problems().toString());

        OverlayReader.Result repeated = OverlayReader.read("aliases:\n  A.b: [x]\n  A.b: [y]\n");
        assertEquals(1, repeated.problems().size(), repeated.problems().toString());
        assertEquals(3, repeated.problems().get(0).line());
    }

    @Test
    void a_path_must_be_field_names() {
        OverlayReader.Result read = OverlayReader.read("mutations:\n  createContact:\n    id: contact[0].id\n");
        assertEquals(List.of(new OverlayProblem(3, "id: expected a path of field names such as person.id, not "
                + "contact[0].id")), read.problems());
    }

    @Test
    void what_a_row_in_doubt_gets_is_read_and_half_of_it_is_a_mistake() {
        OverlayReader.Result read = OverlayReader.read("""
                mutations:
                  createContact:
                    idempotencyHeader: Idempotency-Key
                  createAccount:
                    find: "accounts(filter: {name: {equalTo: $value}}) { nodes { id } }"
                    findBy: input/name
                  createNote:
                    find: "notes { id }"
                  createTag:
                    idempotencyHeader: "Idempotency Key"
                  createDeal:
                    idempotencyDirective: "@idempotent(key:)"
                  createNote2:
                    idempotencyArgument: idempotencyKey
                  createNote3:
                    idempotencyDirective: idempotent
                  createNote4:
                    idempotencyArgument: key
                    idempotencyHeader: Idempotency-Key
                """);
        assertEquals(IdempotencyKey.header("Idempotency-Key"),
                read.overlay().mutations().get("createContact").idempotencyKey());
        assertEquals(IdempotencyKey.directive("idempotent", "key"),
                read.overlay().mutations().get("createDeal").idempotencyKey());
        assertEquals(IdempotencyKey.argument("idempotencyKey"),
                read.overlay().mutations().get("createNote2").idempotencyKey());
        assertEquals("input/name", read.overlay().mutations().get("createAccount").findBy());
        assertEquals(List.of(
                new OverlayProblem(8, "mutation createNote: find and findBy go together: the query that finds a row's"
                        + " record by $value, and the column whose value it is, such as input/email"),
                new OverlayProblem(10, "mutation createTag: idempotencyHeader must be a header name, such as"
                        + " Idempotency-Key, not Idempotency Key"),
                new OverlayProblem(16, "mutation createNote3: idempotencyDirective must name a directive and its"
                        + " argument that takes the key, such as \"@idempotent(key:)\", not idempotent"),
                new OverlayProblem(18, "mutation createNote4: give one of idempotencyHeader and idempotencyArgument: a"
                        + " mutation takes its idempotency key in one place")), read.problems());
    }
}
