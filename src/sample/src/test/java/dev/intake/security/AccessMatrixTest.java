package dev.intake.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Roles × operations × own or other organisation, through real HTTP with real signed tokens. */
@QuarkusTest
class AccessMatrixTest {

    private static final String ANONYMOUS = null;
    private static final String WRITER = Tokens.of("wendy", "acme", "contacts-writer", "accounts-writer");
    private static final String VIEWER = Tokens.of("victor", "acme", "import-viewer");
    private static final String ADMIN = Tokens.of("ada", "acme", "import-admin");
    private static final String OTHER_ADMIN = Tokens.of("gus", "globex", "import-admin");

    private static final List<String> DOWNLOADS = List.of("", "/original", "/exceptions.csv", "/results.csv");

    private static String ownBatch;
    private static String otherBatch;

    @BeforeEach
    void one_pending_batch_per_organisation() {
        if (ownBatch == null) {
            ownBatch = upload(ADMIN).then().statusCode(202).extract().path("id");
            otherBatch = upload(OTHER_ADMIN).then().statusCode(202).extract().path("id");
        }
    }

    @Test
    void rest_reads_need_a_token_an_import_role_and_the_batchs_organisation() {
        List<String> failures = new ArrayList<>();
        for (String path : DOWNLOADS) {
            expect(failures, ANONYMOUS, ownBatch + path, 401, "unauthorized");
            expect(failures, WRITER, ownBatch + path, 403, "forbidden");
            expect(failures, VIEWER, ownBatch + path, 200, null);
            expect(failures, ADMIN, ownBatch + path, 200, null);
            expect(failures, VIEWER, otherBatch + path, 404, "batch-not-found");
            expect(failures, ADMIN, otherBatch + path, 404, "batch-not-found");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void templates_need_an_import_role() {
        request(ANONYMOUS).get("/imports/templates/createAccount.csv").then().statusCode(401)
                .body("errors[0].error_code", equalTo("unauthorized"));
        request(WRITER).get("/imports/templates/createAccount.csv").then().statusCode(403)
                .body("errors[0].error_code", equalTo("forbidden"));
        request(VIEWER).get("/imports/templates/createAccount.csv").then().statusCode(200);
    }

    @Test
    void only_admins_upload() {
        upload(ANONYMOUS).then().statusCode(401).body("errors[0].error_code", equalTo("unauthorized"));
        upload(WRITER).then().statusCode(403).body("errors[0].error_code", equalTo("forbidden"));
        upload(VIEWER).then().statusCode(403).body("errors[0].error_code", equalTo("forbidden"));
        upload(ADMIN).then().statusCode(202).body("createdBy", equalTo("ada"));
    }

    @Test
    void graphql_reads_follow_the_same_rules() {
        String query = "query($id: ID!) { importBatch(id: $id) { id filename } }";
        assertEquals("unauthorized", code(graphql(ANONYMOUS, query, ownBatch)));
        assertEquals("forbidden", code(graphql(WRITER, query, ownBatch)));
        assertEquals(ownBatch, graphql(VIEWER, query, ownBatch).getString("data.importBatch.id"));
        assertEquals(ownBatch, graphql(ADMIN, query, ownBatch).getString("data.importBatch.id"));
        assertNull(graphql(VIEWER, query, otherBatch).get("data.importBatch"), "another organisation's batch is not there");
        assertNull(graphql(ADMIN, query, otherBatch).get("data.importBatch"));

        List<String> listed = Imports.graphql(ADMIN, "{ importBatches(first: 500) { edges { node { id } } } }", Map.of())
                .getList("data.importBatches.edges.node.id");
        assertTrue(listed.contains(ownBatch));
        assertTrue(!listed.contains(otherBatch), "listings show only the caller's organisation");
    }

    @Test
    void only_admins_cancel_and_only_in_their_organisation() {
        String mutation = "mutation($id: ID!) { cancelImport(id: $id) { status } }";
        String target = upload(ADMIN).then().statusCode(202).extract().path("id");
        assertEquals("unauthorized", code(graphql(ANONYMOUS, mutation, target)));
        assertEquals("forbidden", code(graphql(WRITER, mutation, target)));
        assertEquals("forbidden", code(graphql(VIEWER, mutation, target)));
        assertEquals("batch-not-found", code(graphql(OTHER_ADMIN, mutation, target)));
        assertEquals("PENDING", Imports.batch(ADMIN, target).getString("status"));

        JsonPath cancelled = graphql(ADMIN, mutation, target);
        assertEquals("CANCELLED", cancelled.getString("data.cancelImport.status"), cancelled.prettify());
    }

    @Test
    void a_token_without_an_organisation_or_with_a_bad_signature_is_refused() {
        String noOrganisation = Tokens.of("nora", null, "import-admin");
        request(noOrganisation).get("/imports/" + ownBatch).then().statusCode(403)
                .body("errors[0].details", equalTo("The token names no organisation"));
        String tampered = ADMIN.substring(0, ADMIN.length() - 4) + "AAAA";
        request(tampered).get("/imports/" + ownBatch).then().statusCode(401)
                .body("errors[0].error_code", equalTo("unauthorized"));
        RestAssured.given().auth().oauth2(tampered).contentType("application/json")
                .body(Map.of("query", "{ importTemplates { name } }")).post("/graphql")
                .then().statusCode(401).body("errors[0].extensions.code", equalTo("unauthorized"));
    }

    @Test
    void every_graphql_refusal_has_a_message_that_says_what_to_send() {
        String query = "{ importTemplates { name } }";
        JsonPath anonymous = RestAssured.given().contentType("application/json").body(Map.of("query", query))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("unauthorized", code(anonymous));
        assertEquals("A valid bearer token is required; send it as 'Authorization: Bearer <token>'",
                anonymous.getString("errors[0].message"));
        JsonPath notBearer = RestAssured.given().header("Authorization", "Basic Zm9vOmJhcg==")
                .contentType("application/json").body(Map.of("query", query)).post("/graphql").then().extract().jsonPath();
        assertEquals("unauthorized", code(notBearer));
        assertNotNull(notBearer.getString("errors[0].message"), notBearer.prettify());
        JsonPath writer = graphql(WRITER, "mutation($id: ID!) { cancelImport(id: $id) { status } }", ownBatch);
        assertEquals("forbidden", code(writer));
        assertTrue(writer.getString("errors[0].message").startsWith("The token does not allow this"), writer.prettify());
    }

    @Test
    void a_dev_token_with_a_misspelt_role_is_refused_with_the_known_roles() {
        RestAssured.given().get("/dev/token?user=ada&org=acme&roles=import-admin,contact-writer").then().statusCode(400)
                .body("errors[0].error_code", equalTo("unknown-role"))
                .body("errors[0].message", equalTo("The role contact-writer is not known; known roles: "
                        + "accounts-writer, contacts-writer, events-writer, import-admin, import-viewer"));
        RestAssured.given().get("/dev/token?user=ada&org=acme&roles=import-admin,contacts-writer").then().statusCode(200);
    }

    private static void expect(List<String> failures, String token, String path, int status, String code) {
        var response = request(token).get("/imports/" + path);
        String who = token == null ? "anonymous" : token.equals(WRITER) ? "writer" : token.equals(VIEWER) ? "viewer" : "admin";
        if (response.statusCode() != status) {
            failures.add(who + " GET /imports/" + path + ": expected " + status + " but got " + response.statusCode());
        } else if (code != null && !code.equals(response.jsonPath().getString("errors[0].error_code"))) {
            failures.add(who + " GET /imports/" + path + ": expected code " + code + " in " + response.asString());
        }
    }

    private static io.restassured.response.Response upload(String token) {
        return request(token)
                .multiPart("file", "matrix.csv", Imports.csv("name", UniqueNames.of("Matrix")).getBytes(), "text/csv")
                .multiPart("template", "createAccount")
                .post("/imports");
    }

    private static JsonPath graphql(String token, String query, String id) {
        return request(token).contentType("application/json").body(Map.of("query", query, "variables", Map.of("id", id)))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    private static String code(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }

    private static RequestSpecification request(String token) {
        return token == null ? RestAssured.given() : Imports.as(token);
    }
}
