package dev.intake.sets;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Import sets: several files, or the sheets of one workbook, run in the order their lookups need, whatever order they
 * were uploaded in; a set that cannot be ordered is refused; a set is cancelled and rolled back as a whole.
 */
@QuarkusTest
class ImportSetTest {

    private static final String TOKEN = Tokens.of("sid", "sets", "import-admin", "accounts-writer", "contacts-writer",
            "events-writer");

    private static final String SET = """
            query($id: ID!) { importSet(id: $id) { id status workbook ignoredSheets successCount errorCount
              batches { waitsFor batch { id template filename status startedAt endedAt successCount errorCount message } } } }
            """;

    @Inject
    ImportWorker worker;

    @Test
    void accounts_contacts_and_events_uploaded_in_the_wrong_order_run_in_the_right_one() {
        Names names = new Names();
        String setId = Imports.as(TOKEN)
                .multiPart("file", "contacts.csv", names.contacts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createContact")
                .multiPart("file", "events.csv", names.events().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "auto")
                .multiPart("file", "accounts.csv", names.accounts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createAccount")
                .post("/imports/sets").then().statusCode(202).extract().path("id");

        JsonPath pending = set(setId);
        assertEquals(List.of("createEvent", "createAccount", "createContact"), pending.getList("batches.batch.template"),
                "each after the files it waits for; auto chose createEvent from the headers");
        String accounts = pending.getString("batches[1].batch.id");
        assertEquals(List.of(accounts), pending.getList("batches[2].waitsFor"), "contacts wait for the accounts");
        assertEquals(List.of(), pending.getList("batches[0].waitsFor"), "events refer to nothing the set creates");

        JsonPath done = finishSet(setId);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals(6, done.getInt("successCount"));
        Instant accountsEnded = Instant.parse(done.getString("batches[1].batch.endedAt"));
        Instant contactsStarted = Instant.parse(done.getString("batches[2].batch.startedAt"));
        assertFalse(contactsStarted.isBefore(accountsEnded), "the contacts ran after the accounts had ended");
        assertTrue(Imports.graphql(TOKEN, "{ importSets(first: 50) { edges { node { id } } } }", Map.of())
                .getList("data.importSets.edges.node.id").contains(setId));
    }

    @Test
    void one_workbook_is_one_set_its_sheets_named_after_templates_or_mapped_to_them() throws IOException {
        Names names = new Names();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Intake tests", "1.0");
        sheet(workbook, "Notes", names.notes());
        sheet(workbook, "People", names.contacts());
        sheet(workbook, "createEvent", names.events());
        sheet(workbook, "createAccount", names.accounts());
        workbook.finish();

        String setId = Imports.as(TOKEN).multiPart("file", "onboarding.xlsx", out.toByteArray(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .multiPart("sheetTemplate", "People=createContact")
                .post("/imports/sets").then().statusCode(202).extract().path("id");
        JsonPath done = finishSet(setId);

        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals("onboarding.xlsx", done.getString("workbook"));
        assertEquals(List.of("Notes"), done.getList("ignoredSheets"), "a sheet that names no template is left out");
        assertEquals(List.of("createEvent", "createAccount", "createContact"), done.getList("batches.batch.template"));
        assertEquals("onboarding.xlsx [People]", done.getString("batches[2].batch.filename"));
        assertEquals(6, done.getInt("successCount"));
    }

    @Test
    void a_sets_dry_run_says_which_rows_name_records_an_earlier_file_would_create() {
        Names names = new Names();
        String stranger = UniqueNames.of("Nowhere Ltd");
        String contacts = names.contacts() + stranger + "," + UniqueNames.email("set3") + ",Nob,Ody,ACTIVE\r\n";
        String setId = Imports.as(TOKEN)
                .multiPart("file", "contacts.csv", contacts.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createContact")
                .multiPart("file", "accounts.csv", names.accounts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createAccount")
                .multiPart("dryRun", "true")
                .post("/imports/sets").then().statusCode(202).extract().path("id");
        JsonPath done = finishSet(setId);

        assertEquals(List.of("READY", "VALIDATION_FAILED"), done.getList("batches.batch.status"), done.prettify());
        assertEquals(List.of(2, 2), done.getList("batches.batch.successCount"),
                "the two contacts of the accounts file pass, to be checked when the set runs");
        String contactsBatch = done.getString("batches[1].batch.id");
        JsonPath failures = Imports.graphql(TOKEN, """
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber errorType message } } } } }
                """, Map.of("id", contactsBatch));
        assertEquals(List.of(4), failures.getList("data.importBatch.failures.edges.node.rowNumber"),
                "a row naming an account no file creates still fails");
        String results = Imports.as(TOKEN).get("/imports/" + contactsBatch + "/results.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(results.contains("Names a record that accounts.csv creates: checked only when the set runs"),
                results);
        assertFalse(Imports.graphql(TOKEN, "{ accounts { name } }", Map.of()).getList("data.accounts.name")
                .contains(names.firstAccount), "a dry run creates nothing");
    }

    @Test
    void two_files_creating_the_same_records_are_refused_with_400() {
        Names names = new Names();
        Imports.as(TOKEN)
                .multiPart("file", "contacts.csv", names.contacts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createContact")
                .multiPart("file", "more.csv", names.contacts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "upsertContact")
                .post("/imports/sets").then().statusCode(400)
                .body("errors[0].error_code", containsString("set-order"))
                .body("errors[0].message", containsString("Both contacts.csv (createContact) and more.csv"
                        + " (upsertContact) create Contact records"));
        Imports.as(TOKEN)
                .multiPart("file", "what.csv", "nothing,known\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "auto")
                .post("/imports/sets").then().statusCode(400).body("errors[0].message",
                        containsString("The headers of what.csv match no template"));
    }

    @Test
    void a_set_is_cancelled_before_it_runs_and_a_finished_set_rolls_back_dependents_first() {
        Names waiting = new Names();
        String cancelled = upload(waiting);
        JsonPath afterCancel = Imports.graphql(TOKEN, "mutation($id: ID!) { cancelImportSet(id: $id) { status"
                + " batches { batch { status } } } }", Map.of("id", cancelled));
        assertEquals("CANCELLED", afterCancel.getString("data.cancelImportSet.status"), afterCancel.prettify());
        assertEquals(List.of("CANCELLED", "CANCELLED"), afterCancel.getList("data.cancelImportSet.batches.batch.status"));

        Names names = new Names();
        String setId = upload(names);
        assertEquals("COMPLETED", finishSet(setId).getString("status"));
        JsonPath rolling = Imports.graphql(TOKEN, "mutation($id: ID!) { rollbackImportSet(id: $id) { status } }",
                Map.of("id", setId));
        assertEquals("ROLLING_BACK", rolling.getString("data.rollbackImportSet.status"), rolling.prettify());
        JsonPath rolledBack = finishSet(setId);
        assertEquals(List.of("ROLLED_BACK", "ROLLED_BACK"), rolledBack.getList("batches.batch.status"),
                "the accounts were deleted after the contacts that referred to them: " + rolledBack.prettify());
        assertFalse(Imports.graphql(TOKEN, "{ accounts { name } }", Map.of()).getList("data.accounts.name")
                .contains(names.firstAccount));
    }

    @Test
    void a_file_waiting_for_a_file_that_failed_is_not_run() {
        Names names = new Names();
        String bad = Imports.csv("name,parent", "A," + UniqueNames.of("No Such Parent"));
        String setId = Imports.as(TOKEN)
                .multiPart("file", "contacts.csv", names.contacts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createContact")
                .multiPart("file", "accounts.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createAccount")
                .post("/imports/sets").then().statusCode(202).extract().path("id");
        JsonPath done = finishSet(setId);
        assertEquals("FAILED", done.getString("status"));
        assertEquals("CANCELLED", done.getString("batches[1].batch.status"));
        assertTrue(done.getString("batches[1].batch.message").startsWith("Not run: it refers to records of"
                + " accounts.csv"), done.getString("batches[1].batch.message"));
    }

    private String upload(Names names) {
        RequestSpecification request = Imports.as(TOKEN)
                .multiPart("file", "contacts.csv", names.contacts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createContact")
                .multiPart("file", "accounts.csv", names.accounts().getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("template", "createAccount");
        return request.post("/imports/sets").then().statusCode(202).extract().path("id");
    }

    private JsonPath finishSet(String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            worker.drain();
            JsonPath set = set(id);
            if (set.getList("batches.batch.status", String.class).stream().allMatch(Imports::isFinal)) {
                return set;
            }
        }
        throw new AssertionError("Set " + id + " did not finish: " + set(id).prettify());
    }

    private static JsonPath set(String id) {
        return new JsonPath(Imports.graphql(TOKEN, SET, Map.of("id", id)).prettify()).setRootPath("data.importSet");
    }

    private static void sheet(Workbook workbook, String name, String csv) {
        Worksheet sheet = workbook.newWorksheet(name);
        List<String> lines = List.of(csv.split("\r\n"));
        for (int r = 0; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                sheet.value(r, c, cells[c]);
            }
        }
    }

    /** Unique names for one set's files: two accounts, two contacts of them, and two events. */
    private static final class Names {
        final String firstAccount = UniqueNames.of("Set Account");
        final String secondAccount = UniqueNames.of("Set Account");
        private final String hall = UniqueNames.of("Set Room");
        private final String code = UniqueNames.of("SET").replace(' ', '-');

        Names() {
            Catalogue.location(TOKEN, hall);
            Catalogue.courseTemplate(TOKEN, code);
        }

        String accounts() {
            return Imports.csv("name", firstAccount, secondAccount);
        }

        String contacts() {
            return Imports.csv("account,emailAddress,firstName,lastName,status",
                    firstAccount + "," + UniqueNames.email("set1") + ",Sue,One,ACTIVE",
                    secondAccount + "," + UniqueNames.email("set2") + ",Stu,Two,LEAD");
        }

        String events() {
            return Imports.csv("capacity,courseTemplate,end,location,start,status,timeZone,title",
                    "10," + code + ",2026-05-01T17:00:00+02:00," + hall + ",2026-05-01T09:00:00+02:00,DRAFT,"
                            + "Europe/Berlin,First",
                    "12," + code + ",2026-06-01T17:00:00+02:00," + hall + ",2026-06-01T09:00:00+02:00,DRAFT,"
                            + "Europe/Berlin,Second");
        }

        String notes() {
            return Imports.csv("Read me", "Fill in each sheet");
        }
    }
}
