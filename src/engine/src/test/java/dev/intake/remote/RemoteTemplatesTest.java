package dev.intake.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;
import dev.intake.template.LookupField;
import dev.intake.template.TemplateColumn;

class RemoteTemplatesTest {

    static final String SDL = """
            type Account { id: ID! name: String! }
            type AccountConnection { nodes: [Account!]! }
            input StringFilter { equalTo: String in: [String!] }
            input AccountFilter { name: StringFilter }
            enum ContactStatus { LEAD ACTIVE }
            scalar Datetime
            type Contact { id: ID! email: String! }
            type UserError { field: [String!] message: String! }
            input AddressInput { city: String! postcode: String }
            input CreateContactInput {
              "The contact's email address"
              email: String!
              status: ContactStatus
              accountId: ID
              address: AddressInput
              since: Datetime
              score: Int
            }
            type CreateContactPayload { contact: Contact userErrors: [UserError!]! }
            input CreateAccountInput { name: String! }
            type CreateAccountPayload { account: Account }
            type Counter { count: Int }
            input PingInput { text: String }
            type Query { accounts(filter: AccountFilter): AccountConnection! }
            type Mutation {
              createContact(input: CreateContactInput!): CreateContactPayload!
              createAccount(input: CreateAccountInput!): CreateAccountPayload!
              deleteAccount(id: ID!): Boolean
              ping(input: PingInput!): Counter
            }
            """;

    static final String OVERLAY = """
            mutations:
              createContact:
                entity: Contact
                action: create
            lookups:
              CreateContactInput.accountId:
                entity: accounts
                field: name
                query: "accounts(filter: {name: {in: $values}}) { nodes { id name } }"
            aliases:
              CreateContactInput.email: [E-mail]
            scalars:
              Datetime: LocalDateTime
            """;

    private static RemoteTemplates.Result read(String overlay) {
        OverlayReader.Result parsed = OverlayReader.read(overlay);
        assertEquals(List.of(), parsed.problems());
        return RemoteTemplates.read("crm", RemoteTemplates.schema(SDL), parsed.overlay(), "crm-importer");
    }

    @Test
    void each_importable_mutation_is_a_template_named_by_its_target() {
        RemoteTemplates.Result read = read(OVERLAY);
        assertEquals(List.of(), read.problems());
        assertEquals(List.of("crm.createAccount", "crm.createContact"),
                read.templates().stream().map(ImportTemplate::name).toList());
        assertEquals(List.of("mutation ping: its answer has no id Intake can find; name the path to the record's ID in"
                + " the overlay (mutations.ping.id)"), read.skipped());
        ImportTemplate contact = read.templates().get(1);
        assertEquals("crm", contact.target());
        assertEquals("crm-importer", contact.requiredRole());
        assertEquals("mutation Import($input: CreateContactInput!) { createContact(input: $input)"
                + " { contact { id } userErrors { message field } } }", contact.document());
        assertEquals("mutation Import($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }",
                read.templates().get(0).document());
        assertEquals(new RemotePayload("contact.id", "userErrors", List.of("message", "field")),
                read.payloads().get("crm.createContact"));
    }

    @Test
    void the_overlay_gives_lookups_aliases_and_scalar_columns_and_the_schema_the_rest() {
        Map<String, TemplateColumn> columns = new java.util.LinkedHashMap<>();
        read(OVERLAY).templates().get(1).columns().forEach(column -> columns.put(column.reference(), column));
        assertEquals(List.of("input/email", "input/accountId", "input/address/city", "input/address/postcode",
                "input/score", "input/since", "input/status"), List.copyOf(columns.keySet()));
        assertEquals(new LookupField("accounts", "name"), columns.get("input/accountId").lookup());
        assertEquals(FieldType.LOOKUP, columns.get("input/accountId").type());
        assertEquals(List.of("E-mail"), columns.get("input/email").aliases());
        assertTrue(columns.get("input/email").required());
        assertEquals(FieldType.FIXED, columns.get("input/status").type());
        assertEquals(List.of("LEAD", "ACTIVE"), columns.get("input/status").allowedValues());
        assertEquals(FieldType.LOCAL_DATE_TIME, columns.get("input/since").type());
        assertEquals(FieldType.NUMBER, columns.get("input/score").type());
        assertTrue(columns.get("input/address/city").required() == false, "optional, since address is");
    }

    @Test
    void a_custom_scalar_the_overlay_does_not_name_is_text_and_so_is_an_id_in_the_targets_own_form() {
        ImportTemplate contact = read("").templates().get(1);
        assertEquals(FieldType.TEXT, contact.column("input/since").orElseThrow().type());
        assertEquals(FieldType.TEXT, contact.column("input/accountId").orElseThrow().type(),
                "the target's IDs need not look like Intake's");
    }

    @Test
    void a_mutation_the_overlay_turns_off_is_no_template() {
        RemoteTemplates.Result read = read("mutations:\n  createAccount:\n    importable: false\n");
        assertEquals(List.of("crm.createContact"), read.templates().stream().map(ImportTemplate::name).toList());
    }

    @Test
    void the_overlay_names_the_id_of_an_answer_the_defaults_do_not_understand() {
        RemoteTemplates.Result read = read("mutations:\n  ping:\n    id: ping.count\n");
        assertEquals(List.of(), read.skipped());
        assertEquals("mutation Import($input: PingInput!) { ping(input: $input) { count } }",
                read.templates().stream().filter(t -> t.name().equals("crm.ping")).findFirst().orElseThrow().document());
    }

    @Test
    void a_schema_change_gives_the_changed_template_a_new_version_and_no_other() {
        RemoteTemplates.Result before = read(OVERLAY);
        RemoteTemplates.Result after = RemoteTemplates.read("crm", RemoteTemplates.schema(SDL.replace(
                "score: Int", "score: Int\n  phone: String")), OverlayReader.read(OVERLAY).overlay(), "crm-importer");
        assertEquals(before.templates().get(0).version(), after.templates().get(0).version());
        assertNotEquals(before.templates().get(1).version(), after.templates().get(1).version());
    }

    @Test
    void an_overlay_that_does_not_fit_the_schema_gives_no_templates_and_names_each_line() {
        RemoteTemplates.Result read = RemoteTemplates.read("crm", RemoteTemplates.schema(SDL), OverlayReader.read("""
                mutations:
                  createContacts:
                    entity: Contact
                  createAccount:
                    id: account.name.length
                lookups:
                  CreateContactInput.acountId:
                    entity: accounts
                    field: name
                    query: "accounts(filter: {name: {equalTo: $value}}) { nodes { id } }"
                  CreateContactInput.accountId:
                    entity: accounts
                    field: name
                    query: "accounts(filter: {title: {equalTo: $value}}) { nodes { id } }"
                  CreateContactInput.status:
                    entity: accounts
                    field: name
                    query: "accounts(filter: {name: {in: $values}}) { nodes { id } }"
                  CreateContactInput.address:
                    entity: accounts
                    field: name
                    query: "accounts(filter: {name: {equalTo: $value}}) { nodes { id } }"
                aliases:
                  Contact: [x]
                scalars:
                  Money: Text
                """).overlay(), "crm-importer");
        assertEquals(List.of(), read.templates());
        assertEquals(List.of(
                "line 2: mutations: the schema has no mutation createContacts",
                "line 4: mutation createAccount: account.name.length is not a field of its answer that holds a single"
                        + " value",
                "line 7: lookups: CreateContactInput.acountId: CreateContactInput has no field acountId",
                "line 11: lookups: the query of CreateContactInput.accountId does not validate against the schema: "
                        + "Validation error (WrongType@[accounts]) : argument 'filter' with value "
                        + "'ObjectValue{objectFields=[ObjectField{name='title', value=ObjectValue{objectFields=[ObjectField"
                        + "{name='equalTo', value=VariableReference{name='value'}}]}}]}' contains a field not in "
                        + "'AccountFilter': 'title'",
                "line 15: lookups: the query of CreateContactInput.status takes $values, so it must select name as well"
                        + " as id, to tell which record each value found",
                "line 19: lookups: CreateContactInput.address is not a single value",
                "line 24: aliases: Contact is not the coordinate of an input field, such as CreatePersonInput.companyId",
                "line 26: scalars: the schema has no scalar Money"),
                read.problems().stream().map(OverlayProblem::toString).toList());
    }

    @Test
    void a_lookups_create_must_be_a_mutation_of_the_schema_that_selects_the_new_id() {
        String lookup = """
                lookups:
                  CreateContactInput.accountId:
                    entity: accounts
                    field: name
                    query: "accounts(filter: {name: {in: $values}}) { nodes { id name } }"
                    create: "%s"
                """;
        assertEquals(List.of(), RemoteTemplates.read("crm", RemoteTemplates.schema(SDL), OverlayReader.read(lookup
                .formatted("createAccount(input: {name: $value}) { account { id } }")).overlay(), "crm-importer")
                .problems());
        assertEquals(List.of("line 2: lookups: create of CreateContactInput.accountId must select id"),
                RemoteTemplates.read("crm", RemoteTemplates.schema(SDL), OverlayReader.read(lookup
                        .formatted("createAccount(input: {name: $value}) { account { name } }")).overlay(),
                        "crm-importer").problems().stream().map(OverlayProblem::toString).toList());
        assertEquals(List.of("line 2: lookups: create of CreateContactInput.accountId does not validate against the"
                + " schema: Validation error (FieldUndefined@[makeAccount]) : Field 'makeAccount' in type 'Mutation'"
                + " is undefined"), RemoteTemplates.read("crm", RemoteTemplates.schema(SDL), OverlayReader.read(lookup
                        .formatted("makeAccount(input: {name: $value}) { account { id } }")).overlay(), "crm-importer")
                .problems().stream().map(OverlayProblem::toString).toList());
    }

    @Test
    void a_key_in_a_directive_or_an_argument_is_each_fields_own_and_no_column() {
        String sdl = """
                directive @idempotent(key: String!) on FIELD
                type Tag { id: ID! }
                input TagInput { name: String! }
                type Query { tag(id: ID!): Tag }
                type Mutation {
                  createTag(input: TagInput!): Tag
                  renameTag(input: TagInput!, idempotencyKey: String): Tag
                }
                """;
        RemoteTemplates.Result read = RemoteTemplates.read("crm", RemoteTemplates.schema(sdl), OverlayReader.read("""
                mutations:
                  createTag:
                    idempotencyDirective: "@idempotent(key:)"
                  renameTag:
                    idempotencyArgument: idempotencyKey
                """).overlay(), "crm-importer");
        assertEquals(List.of(), read.problems());
        ImportTemplate create = read.templates().get(0);
        assertEquals("mutation Import($input: TagInput!, $intakeIdempotencyKey: String!) { createTag(input: $input)"
                + " @idempotent(key: $intakeIdempotencyKey) { id } }", create.document());
        assertEquals("mutation Import($r0_input: TagInput!, $r0_intakeIdempotencyKey: String!, $r1_input: TagInput!,"
                + " $r1_intakeIdempotencyKey: String!) { r0: createTag(input: $r0_input) @idempotent(key:"
                + " $r0_intakeIdempotencyKey) { id } r1: createTag(input: $r1_input) @idempotent(key:"
                + " $r1_intakeIdempotencyKey) { id } }", create.operation().document(2));
        ImportTemplate rename = read.templates().get(1);
        assertEquals(List.of("input/name"), rename.columns().stream().map(TemplateColumn::reference).toList(),
                "the key's argument is Intake's to fill, not the file's");
        assertTrue(rename.document().contains("renameTag(input: $input, idempotencyKey: $idempotencyKey)"),
                rename.document());

        RemoteTemplates.Result unkeyed = RemoteTemplates.read("crm", RemoteTemplates.schema(sdl),
                Overlay.EMPTY, "crm-importer");
        assertEquals(List.of("idempotencyKey", "input/name"), unkeyed.templates().get(1).columns().stream()
                .map(TemplateColumn::reference).sorted().toList(), "without the overlay's word it is a column");
    }

    @Test
    void a_key_the_schema_cannot_take_is_refused_with_its_line() {
        String sdl = """
                directive @idempotent(key: Int) on FIELD
                directive @cached(ttl: Int) on FIELD_DEFINITION
                type Tag { id: ID! }
                input TagInput { name: String! }
                type Query { tag(id: ID!): Tag }
                type Mutation {
                  createTag(input: TagInput!, retries: Int): Tag
                  renameTag(input: TagInput!): Tag
                  deleteTag(input: TagInput!): Tag
                  mergeTag(input: TagInput!): Tag
                }
                """;
        RemoteTemplates.Result read = RemoteTemplates.read("crm", RemoteTemplates.schema(sdl), OverlayReader.read("""
                mutations:
                  createTag:
                    idempotencyArgument: retries
                  renameTag:
                    idempotencyArgument: key
                  deleteTag:
                    idempotencyDirective: "@idempotent(key:)"
                  mergeTag:
                    idempotencyDirective: "@cached(ttl:)"
                """).overlay(), "crm-importer");
        assertEquals(List.of(
                "line 2: mutation createTag: its argument retries is Int; an idempotency key goes in a String or an ID",
                "line 4: mutation renameTag: it has no argument key to take the idempotency key",
                "line 6: mutation deleteTag: @idempotent has no argument key that takes a String or an ID",
                "line 8: mutation mergeTag: @cached is not a directive of fields"),
                read.problems().stream().map(OverlayProblem::toString).toList());
    }
}
