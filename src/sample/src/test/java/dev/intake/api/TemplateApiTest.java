package dev.intake.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TemplateApiTest {

    private static final String CREATE_CONTACT_COLUMNS = String.join("\r\n",
            "\uFEFFAccount,Email Address,First Name,Last Name,Status,Manager,Phone,Template Version",
            "input/account,input/emailAddress,input/firstName,input/lastName,input/status,input/manager,input/phone,",
            "\"The contact's account (also: Company, Organisation)\",Primary email address; unique across contacts,Given name,Family name,"
                    + "Where the contact stands with us,\"The contact's manager, another contact, by email address (also:"
                    + " Reports To)\",\"Phone number, in any format\","
                    + "Leave as it is: the version of the template this file was made from",
            "\"Lookup: lookup(accounts, name) (Required)\",Text (Required),Text (Required),Text (Required),"
                    + "\"Fixed: ACTIVE, INACTIVE, LEAD (Required)\",\"Lookup: lookup(contacts, emailAddress) (Optional)\","
                    + "Text (Optional),");

    @Test
    void the_createContact_template_has_four_header_rows_with_required_columns_first() {
        String csv = Imports.as(Tokens.ADMIN).when().get("/imports/templates/createContact.csv")
                .then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("filename=\"createContact.csv\""))
                .extract().asString();
        assertTrue(csv.startsWith(CREATE_CONTACT_COLUMNS), csv);
        assertTrue(csv.substring(CREATE_CONTACT_COLUMNS.length()).matches("createContact@[0-9a-f]{8}\r\n"), csv);
    }

    @Test
    void a_sample_row_shows_one_valid_value_per_column() {
        String csv = Imports.download("/imports/templates/createContact.csv?sample=true");
        assertTrue(csv.endsWith("\r\nExample Ltd,jane.doe@example.com,Jane,Doe,ACTIVE,,555 0100,\r\n"), csv);
    }

    @Test
    void graphql_describes_every_column_of_a_template() {
        JsonPath result = Imports.graphql("""
                query {
                  importTemplate(name: "createContact") {
                    name entity action downloadUrl
                    columns { label reference description type typeDescription required allowedValues lookup }
                  }
                }
                """);
        JsonPath template = new JsonPath(result.prettify()).setRootPath("data.importTemplate");
        assertEquals("createContact", template.getString("name"));
        assertEquals("Contact", template.getString("entity"));
        assertEquals("create", template.getString("action"));
        assertEquals("/imports/templates/createContact.csv", template.getString("downloadUrl"));
        assertEquals(List.of("input/account", "input/emailAddress", "input/firstName", "input/lastName",
                "input/status", "input/manager", "input/phone"), template.getList("columns.reference"));
        assertEquals(List.of(true, true, true, true, true, false, false), template.getList("columns.required"));
        assertEquals(List.of("Lookup", "Text", "Text", "Text", "Fixed", "Lookup", "Text"),
                template.getList("columns.type"));
        assertEquals("lookup(accounts, name)", template.getString("columns[0].lookup"));
        Map<String, Object> status = template.getMap("columns[4]");
        assertEquals("Fixed: ACTIVE, INACTIVE, LEAD (Required)", status.get("typeDescription"));
        assertEquals(List.of("ACTIVE", "INACTIVE", "LEAD"), status.get("allowedValues"));
        assertEquals("Where the contact stands with us", status.get("description"));
    }

    @Test
    void every_mutation_taking_an_input_object_has_a_template_and_queries_have_none() {
        JsonPath result = Imports.graphql("{ importTemplates { name } }");
        assertEquals(List.of("addEventPrices", "createAccount", "createContact", "createCourseTemplate", "createEvent",
                "createLocation", "updateContact", "updateEvent", "upsertContact"),
                result.getList("data.importTemplates.name"), "defineCustomField is marked not importable");
    }

    @Test
    void the_update_template_requires_the_id_and_nothing_else() {
        JsonPath result = Imports.graphql("""
                { importTemplate(name: "updateContact") { columns { reference type required } } }
                """);
        assertEquals(List.of("input/id", "input/account", "input/emailAddress", "input/firstName", "input/lastName",
                "input/phone", "input/status"), result.getList("data.importTemplate.columns.reference"));
        assertEquals(List.of(true, false, false, false, false, false, false),
                result.getList("data.importTemplate.columns.required"));
        assertEquals("ID", result.getString("data.importTemplate.columns[0].type"));
    }

    @Test
    void an_unknown_template_is_not_found_with_close_matches() {
        Imports.as(Tokens.ADMIN).when().get("/imports/templates/createContacts.csv")
                .then().statusCode(404)
                .body("errors[0].error_code", equalTo("unknown-template"))
                .body("errors[0].details", containsString("createContact"));
        assertNull(Imports.graphql("{ importTemplate(name: \"nope\") { name } }").get("data.importTemplate"));
    }
}
