package dev.intake.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;

/** A file made from an older version of a template gets a message that says what changed. */
@QuarkusTest
class TemplateVersionTest {

    private static final String TOKEN = Tokens.of("vera", "versions", "import-admin", "contacts-writer");

    @Inject
    ImportWorker worker;

    @Test
    void renamed_removed_and_newly_required_columns_are_named() {
        String current = Imports.as(TOKEN).get("/imports/templates/createContact.csv").then().extract().asString();
        String[] rows = current.split("\r\n");
        String version = rows[3].substring(rows[3].lastIndexOf(',') + 1);
        String older = String.join("\r\n",
                rows[0].replace("\uFEFFAccount,", "\uFEFFAccount Name,") + ",Fax",
                rows[1].replace("input/account,", "input/accountName,") + ",input/fax",
                rows[2] + ",Fax number",
                rows[3].replace("\"Fixed: ACTIVE, INACTIVE, LEAD (Required)\"", "\"Fixed: ACTIVE, INACTIVE, LEAD (Optional)\"")
                        .replace(version, "createContact@00000000") + ",Text (Optional)",
                "Acme," + UniqueNames.email("old") + ",Old,File,ACTIVE,,,") + "\r\n";

        String id = Imports.upload(TOKEN, "createContact", "older.csv", older.getBytes()).then().statusCode(202)
                .extract().path("id");
        String message = Imports.finish(worker, TOKEN, id).getString("message");

        assertEquals("The header of older.csv does not match the template createContact: the file was made from an older "
                + "version of the template (createContact@00000000; now " + version + "): Account Name "
                + "(input/accountName) was renamed to Account (input/account); Fax (input/fax) was removed; Status "
                + "(input/status) is now required. Download the current template and move the data into it. Nothing was "
                + "imported.", message);
    }

    @Test
    void a_file_of_the_current_version_is_not_questioned() {
        String current = Imports.as(TOKEN).get("/imports/templates/createContact.csv").then().extract().asString();
        String id = Imports.upload(TOKEN, "createContact", "current.csv",
                (current + Imports.csv("Nowhere," + UniqueNames.email("cur") + ",Cur,Rent,ACTIVE,,")).getBytes())
                .then().statusCode(202).extract().path("id");
        assertEquals("FAILED", Imports.finish(worker, TOKEN, id).getString("status"), "the row ran (and found no account)");
        assertEquals("LOOKUP", Imports.graphql(TOKEN, "query($id: ID!) { importBatch(id: $id) { failures { edges { node "
                + "{ errorType } } } } }", Map.of("id", id)).getString("data.importBatch.failures.edges[0].node.errorType"));
    }
}
