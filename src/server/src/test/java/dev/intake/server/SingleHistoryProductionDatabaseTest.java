package dev.intake.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.SingleHistoryDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A production database that the release with one migration history migrated and imported into, opened by the
 * server, which no longer has the sample's templates: the batches of those templates stay readable, with their
 * history, counts and files, and say that their template is gone; the sample's tables are left alone.
 */
@QuarkusTest
@WithTestResource(SingleHistoryDatabaseResource.class)
class SingleHistoryProductionDatabaseTest {

    @Test
    void the_batches_of_templates_the_server_no_longer_has_read_as_before_and_say_so() {
        JsonPath batches = given().auth().oauth2(ServerHasNoDomainTest.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("query", "{ importBatches(first: 50) { edges { node { id template status successCount "
                        + "errorCount templateAvailable events { status } } } } }"))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> nodes = batches.getList("data.importBatches.edges.node");
        assertEquals(5, nodes.size(), batches.prettify());
        assertTrue(nodes.stream().allMatch(node -> Boolean.FALSE.equals(node.get("templateAvailable"))), nodes.toString());
        Map<String, Object> contacts = nodes.stream().filter(node -> "createContact".equals(node.get("template"))
                && "PARTIAL_SUCCESS".equals(node.get("status"))).findFirst().orElseThrow();
        assertEquals(List.of(2, 2), List.of(contacts.get("successCount"), contacts.get("errorCount")));
        String id = (String) contacts.get("id");

        given().auth().oauth2(ServerHasNoDomainTest.ADMIN).get("/imports/" + id).then().statusCode(200)
                .body("templateAvailable", equalTo(false)).body("status", equalTo("PARTIAL_SUCCESS"));
        given().auth().oauth2(ServerHasNoDomainTest.ADMIN).get("/imports/" + id + "/original").then().statusCode(200)
                .body(containsString("grace-at-example.com"));
        given().auth().oauth2(ServerHasNoDomainTest.ADMIN).get("/imports/" + id + "/exceptions.csv").then()
                .statusCode(200).body(containsString(",7,LOOKUP,"));
        given().auth().oauth2(ServerHasNoDomainTest.ADMIN).get("/imports/" + id + "/results.csv").then()
                .statusCode(200).body(containsString(",5,SUCCESS,"));
    }
}
