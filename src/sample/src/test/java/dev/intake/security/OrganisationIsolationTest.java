package dev.intake.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.id.GlobalId;
import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Another organisation's records are invisible: to queries, to lookups by name and to references by ID. */
@QuarkusTest
class OrganisationIsolationTest {

    private static final String ACME = Tokens.of("amy", "acme", "import-admin", "accounts-writer", "contacts-writer");
    private static final String GLOBEX = Tokens.of("gil", "globex", "import-admin", "accounts-writer", "contacts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void a_lookup_by_name_never_matches_another_organisations_record() {
        String globexAccount = UniqueNames.of("Globex Only");
        createAccount(GLOBEX, globexAccount);
        String id = Imports.upload(ACME, "createContact", "cross.csv", (Imports.templateHeader("createContact")
                + Imports.csv(globexAccount + "," + UniqueNames.email("x") + ",Xe,Cross,ACTIVE,,")).getBytes())
                .then().statusCode(202).extract().path("id");

        assertEquals("FAILED", Imports.finish(worker, ACME, id).getString("status"));
        JsonPath failure = Imports.graphql(ACME, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { errorType message } } } } }
                """, Map.of("id", id));
        assertEquals("LOOKUP", failure.getString("data.importBatch.failures.edges[0].node.errorType"));
        assertEquals("Row 5, column Account (input/account): No account has the name '" + globexAccount + "' or that ID",
                failure.getString("data.importBatch.failures.edges[0].node.message"));
    }

    @Test
    void a_lookup_by_encoded_id_matches_the_callers_record_and_never_another_organisations() {
        String ownId = createAccount(ACME, UniqueNames.of("Acme By Id"));
        String foreignId = createAccount(GLOBEX, UniqueNames.of("Globex By Id"));
        String id = Imports.upload(ACME, "createContact", "by-id.csv", (Imports.templateHeader("createContact")
                + Imports.csv(ownId + "," + UniqueNames.email("own") + ",Own,Id,ACTIVE,,",
                        foreignId + "," + UniqueNames.email("foreign") + ",Foreign,Id,ACTIVE,,")).getBytes())
                .then().statusCode(202).extract().path("id");

        assertEquals("PARTIAL_SUCCESS", Imports.finish(worker, ACME, id).getString("status"));
        JsonPath failures = Imports.graphql(ACME, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber errorType } } } } }
                """, Map.of("id", id));
        assertEquals(6, failures.getInt("data.importBatch.failures.edges[0].node.rowNumber"));
        assertEquals("LOOKUP", failures.getString("data.importBatch.failures.edges[0].node.errorType"));
        assertNull(Imports.graphql(ACME, "query($id: ID!) { account(id: $id) { id } }", Map.of("id", foreignId))
                .get("data.account"));
    }

    @Test
    void a_record_id_from_another_organisation_is_as_if_it_did_not_exist() {
        String account = UniqueNames.of("Globex Holder");
        createAccount(GLOBEX, account);
        JsonPath created = Imports.graphql(GLOBEX, "mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", "Gia", "lastName", "G", "emailAddress", UniqueNames.email("gia"),
                        "status", "ACTIVE", "account", account)));
        String contactId = created.getString("data.createContact.id");
        assertNotNull(contactId, created.prettify());

        assertNull(Imports.graphql(ACME, "query($id: ID!) { contact(id: $id) { id } }", Map.of("id", contactId))
                .get("data.contact"));
        String id = Imports.upload(ACME, "updateContact", "steal.csv",
                Imports.csv("id,firstName", contactId + ",Stolen").getBytes()).then().statusCode(202).extract().path("id");
        assertEquals("FAILED", Imports.finish(worker, ACME, id).getString("status"));
        assertEquals("NOT_FOUND", Imports.graphql(ACME, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { errorType } } } } }
                """, Map.of("id", id)).getString("data.importBatch.failures.edges[0].node.errorType"));
        assertEquals("Gia", Imports.graphql(GLOBEX, "query($id: ID!) { contact(id: $id) { firstName } }",
                Map.of("id", contactId)).getString("data.contact.firstName"), "the record is unchanged");
    }

    @Test
    void the_same_names_may_exist_in_two_organisations() {
        String shared = UniqueNames.of("Shared Name");
        createAccount(ACME, shared);
        createAccount(GLOBEX, shared);
    }

    /** The reads by a list of IDs (a template's rollback read) leave out another organisation's records and no-one's. */
    @Test
    void a_read_by_ids_answers_the_callers_records_only() {
        String own = createAccount(ACME, UniqueNames.of("Acme Listed"));
        String foreign = createAccount(GLOBEX, UniqueNames.of("Globex Listed"));
        String nobodys = GlobalId.encode("Account", Long.MAX_VALUE);
        JsonPath accounts = Imports.graphql(ACME, "query($ids: [String!]!) { accountsById(ids: $ids) { id } }",
                Map.of("ids", List.of(foreign, own, nobodys, own)));
        assertEquals(List.of(own), accounts.getList("data.accountsById.id"), accounts.prettify());

        String acmeContact = Imports.graphql(ACME, "mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", "Ann", "lastName", "A", "emailAddress", UniqueNames.email("ann"),
                        "status", "ACTIVE", "account", own))).getString("data.createContact.id");
        JsonPath contacts = Imports.graphql(GLOBEX, "query($ids: [String!]!) { contactsById(ids: $ids) { id } }",
                Map.of("ids", List.of(acmeContact)));
        assertEquals(List.of(), contacts.getList("data.contactsById"), contacts.prettify());
        contacts = Imports.graphql(ACME, "query($ids: [String!]!) { contactsById(ids: $ids) { firstName } }",
                Map.of("ids", List.of(acmeContact)));
        assertEquals(List.of("Ann"), contacts.getList("data.contactsById.firstName"), contacts.prettify());
    }

    private static String createAccount(String token, String name) {
        JsonPath result = Imports.graphql(token, "mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", name)));
        assertNotNull(result.getString("data.createAccount.id"), result.prettify());
        return result.getString("data.createAccount.id");
    }
}
