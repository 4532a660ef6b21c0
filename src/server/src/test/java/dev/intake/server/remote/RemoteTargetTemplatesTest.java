package dev.intake.server.remote;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/**
 * The production server with targets on a real third-party GraphQL API (Apollo Server, in Node.js): templates from
 * introspection and from a schema file, the schema stored with its version, an overlay that does not fit, a target
 * that cannot be reached, and a schema change between two reads.
 */
@QuarkusTest
@QuarkusTestResource(value = CrmTargets.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteTargetTemplatesTest {

    static final String ADMIN = Jwt.preferredUserName("ada").groups(Set.of("import-admin")).claim("org", "acme")
            .issuer("https://intake.test/issuer").audience("intake").expiresIn(Duration.ofHours(1)).sign();

    static final String VIEWER = Jwt.preferredUserName("vic").groups(Set.of("import-viewer")).claim("org", "acme")
            .issuer("https://intake.test/issuer").audience("intake").expiresIn(Duration.ofHours(1)).sign();

    private static JsonPath graphql(String token, String query) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("query", query))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> target(String name) {
        List<Map<String, Object>> targets = graphql(ADMIN, """
                { importTargets { name url schemaVersion schemaHash schemaSource schemaReadAt reachable problem
                  overlayProblems { line message } skippedMutations templates schemaChanges } }
                """).getList("data.importTargets");
        return targets.stream().filter(target -> target.get("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void templates_come_from_the_targets_introspection_with_the_overlay_and_are_named_by_the_target() {
        JsonPath templates = graphql(VIEWER, """
                { importTemplates { name entity action target requiredRole
                    columns { reference type lookup required allowedValues } } }
                """);
        assertEquals(null, templates.getList("errors"));
        List<String> names = templates.getList("data.importTemplates.name");
        assertTrue(names.containsAll(List.of("crm.createAccount", "crm.createContact", "vault.createAccount",
                "vault.createContact")), names.toString());
        assertTrue(names.stream().noneMatch(name -> name.startsWith("broken.") || name.startsWith("sealed.")
                || name.startsWith("down.")), names.toString());
        Map<String, Object> contact = templates.getMap("data.importTemplates.find { it.name == 'crm.createContact' }");
        assertEquals("crm", contact.get("target"));
        assertEquals("Contact", contact.get("entity"));
        assertEquals("import-admin", contact.get("requiredRole"));
        JsonPath columns = new JsonPath(templates.prettify()).setRootPath(
                "data.importTemplates.find { it.name == 'crm.createContact' }.columns");
        assertEquals("Lookup", columns.getString("find { it.reference == 'input/accountId' }.type"));
        assertEquals("lookup(accounts, name)", columns.getString("find { it.reference == 'input/accountId' }.lookup"));
        assertEquals(List.of("LEAD", "ACTIVE", "CHURNED"),
                columns.getList("find { it.reference == 'input/status' }.allowedValues"));
        assertEquals(true, columns.getBoolean("find { it.reference == 'input/address/city' }.required") == false);
        assertEquals(true, columns.getBoolean("find { it.reference == 'input/email' }.required"));
    }

    @Test
    @Order(2)
    void the_csv_template_of_a_remote_mutation_downloads_with_its_four_header_rows() {
        String csv = given().auth().oauth2(VIEWER).get("/imports/templates/crm.createContact.csv").then()
                .statusCode(200).extract().asString();
        String[] lines = csv.split("\r?\n");
        assertTrue(lines[1].startsWith("input/email,input/firstName,"), lines[1]);
        assertTrue(lines[1].contains("input/accountId"), lines[1]);
        assertTrue(lines[2].contains("(also: E-mail, Mail)"), lines[2]);
        assertTrue(lines[3].contains("lookup(accounts, name)"), lines[3]);
    }

    @Test
    @Order(3)
    void each_target_says_where_its_schema_came_from_and_what_is_wrong() {
        Map<String, Object> crm = target("crm");
        assertTrue((Integer) crm.get("schemaVersion") >= 1, crm.toString());
        assertEquals("INTROSPECTION", crm.get("schemaSource"));
        assertEquals(true, crm.get("reachable"));
        assertEquals(null, crm.get("problem"));
        assertEquals(List.of("crm.createAccount", "crm.createContact", "crm.updateContact"), crm.get("templates"));

        Map<String, Object> vault = target("vault");
        assertEquals("FILE", vault.get("schemaSource"));
        assertEquals(crm.get("templates").toString().replace("crm.", "vault."), vault.get("templates").toString());

        Map<String, Object> sealed = target("sealed");
        assertEquals(0, sealed.get("schemaVersion"));
        assertTrue(((String) sealed.get("problem")).contains("introspection is not allowed"), sealed.toString());
        assertTrue(((String) sealed.get("problem")).contains("intake.targets.sealed.schema-file"), sealed.toString());

        Map<String, Object> down = target("down");
        assertEquals(false, down.get("reachable"));
        assertTrue(((String) down.get("problem")).startsWith("Target down cannot be reached"), down.toString());
        assertEquals(List.of(), down.get("templates"));

        Map<String, Object> broken = target("broken");
        assertEquals(List.of(), broken.get("templates"));
        assertEquals(List.of(
                Map.of("line", 3, "message", "mutations: the schema has no mutation createContacts"),
                Map.of("line", 6, "message", "lookups: the query of CreateContactInput.accountId does not validate"
                        + " against the schema: Validation error (UnknownArgument@[accounts]) : Unknown field argument"
                        + " 'where'")),
                broken.get("overlayProblems"));
    }

    @Test
    @Order(4)
    void the_static_headers_reach_the_target_and_are_never_shown() {
        String received = CrmTargets.api.read("received");
        assertTrue(received.contains("\"apiKey\":\"crm-key-123\""), received);
        String targets = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("query", "{ importTargets { name url problem } }")).post("/graphql").then().extract()
                .asString();
        assertTrue(!targets.contains("crm-key-123"), targets);
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void a_schema_change_gives_the_changed_template_a_new_version() {
        Map<String, Object> before = target("crm");
        String contactBefore = templateVersion("crm.createContact");
        String accountBefore = templateVersion("crm.createAccount");

        CrmTargets.api.control("version", "{\"version\": 2}");
        try {
            int version = (Integer) before.get("schemaVersion");
            JsonPath refreshed = graphql(ADMIN, "mutation { refreshImportTarget(name: \"crm\") { schemaVersion } }");
            assertEquals(version + 1, refreshed.getInt("data.refreshImportTarget.schemaVersion"));
            Map<String, Object> after = target("crm");
            assertNotEquals(before.get("schemaHash"), after.get("schemaHash"));
            List<String> changes = (List<String>) after.get("schemaChanges");
            assertTrue(changes.stream().anyMatch(change -> change.contains("phone")), "the change is named: " + changes);
            assertTrue(changes.stream().anyMatch(change -> change.startsWith("Breaking: ") && change.contains("lastName")),
                    "a field becoming required breaks clients: " + changes);
            assertNotEquals(contactBefore, templateVersion("crm.createContact"));
            assertEquals(accountBefore, templateVersion("crm.createAccount"));
            String csv = given().auth().oauth2(VIEWER).get("/imports/templates/crm.createContact.csv").then()
                    .statusCode(200).extract().asString();
            assertTrue(csv.split("\r?\n")[1].contains("input/phone"), csv);

            JsonPath again = graphql(ADMIN, "mutation { refreshImportTarget(name: \"crm\") { schemaVersion } }");
            assertEquals(version + 1, again.getInt("data.refreshImportTarget.schemaVersion"),
                    "the same schema is no new version");
        } finally {
            CrmTargets.api.control("version", "{\"version\": 1}");
        }
        JsonPath back = graphql(ADMIN, "mutation { refreshImportTarget(name: \"crm\") { schemaVersion } }");
        assertEquals((Integer) before.get("schemaVersion") + 2, back.getInt("data.refreshImportTarget.schemaVersion"),
                "going back is a change too");
        assertEquals(contactBefore, templateVersion("crm.createContact"));
    }

    @Test
    @Order(6)
    void only_admins_see_targets_and_refresh_them_and_an_unknown_name_says_where_the_names_are() {
        JsonPath refused = graphql(VIEWER, "{ importTargets { name } }");
        assertEquals("forbidden", refused.getString("errors[0].extensions.code"));
        JsonPath unknown = graphql(ADMIN, "mutation { refreshImportTarget(name: \"crmm\") { name } }");
        assertEquals("No target is named crmm; the importTargets query lists them",
                unknown.getString("errors[0].message"));
    }

    /** The version a template's CSV carries in the last cell of its fourth row, such as crm.createContact@1a2b3c4d. */
    private static String templateVersion(String name) {
        String csv = given().auth().oauth2(VIEWER).get("/imports/templates/" + name + ".csv").then().statusCode(200)
                .extract().asString();
        String row4 = csv.split("\r?\n")[3];
        String version = row4.substring(row4.lastIndexOf(',') + 1);
        assertTrue(version.startsWith(name + "@"), row4);
        return version;
    }
}
