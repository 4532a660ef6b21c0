package dev.intake.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.RequestOptions;

import dev.intake.processing.ImportWorker;
import dev.intake.support.ConsoleBrowser;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import dev.intake.webhook.WebhookSender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The console in a real headless Chromium, Debian's, driven by Playwright: sign in on the dev provider's page,
 * run the wizard with a good file and a refused one, watch the batch end without reloading, read its failed row
 * and download its exceptions file; start a dry run from its row menu; and see what a viewer and another
 * organisation get. Each test saves a
 * full-page screenshot under target/screenshots for a person to look at.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static Playwright playwright;
    private static Browser browser;

    @Inject
    ImportWorker worker;

    @Inject
    WebhookSender sender;

    @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081")
    int port;

    @BeforeAll
    static void start_the_browser() {
        playwright = ConsoleBrowser.playwright();
        browser = ConsoleBrowser.launch(playwright);
    }

    @AfterAll
    static void stop_the_browser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void an_admin_imports_contacts_through_the_wizard_and_reads_the_failed_row() throws IOException {
        String account = UniqueNames.of("Wizard Account");
        Imports.graphql("mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", account)));
        String good = UniqueNames.email("wizard-good");
        byte[] contacts = (Imports.templateHeader("createContact") + Imports.csv(
                account + "," + good + ",Ada,Lovelace,ACTIVE,,+44 20 7946 0000",
                account + ",grace-at-example.com,Grace,Hopper,LEAD,,")).getBytes(StandardCharsets.UTF_8);
        byte[] pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n".getBytes(StandardCharsets.US_ASCII);

        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            signIn(page, "ada", "acme", List.of("import-admin", "accounts-writer", "contacts-writer"));
            page.click("text=+ New import");
            page.waitForURL("**/console/imports/new");
            page.fill("#template-search", "contact create");
            assertTrue(page.isHidden("label.template-choice:has(input[value=createAccount])"), "the search filters");
            page.check("input[name=template][value=createContact]");
            assertEquals("/console/templates/createContact.csv?sample=true",
                    page.getAttribute("#download-sample", "href"));
            Download template = page.waitForDownload(() -> page.click("#download-template"));
            assertTrue(Files.readString(template.path()).contains("input/emailAddress"), "the template downloads");

            page.setInputFiles("#files", new FilePayload[] {
                    new FilePayload("wizard-contacts.csv", "text/csv", contacts),
                    new FilePayload("invoice.csv", "text/csv", pdf) });
            assertEquals("Upload 2 files", page.textContent("#upload").strip());
            page.click("#upload");

            page.waitForSelector("li.upload.refused:has-text('invoice.csv')");
            assertTrue(page.textContent("li.upload.refused").contains("The file is a PDF document, not CSV or NDJSON text"),
                    page.textContent("li.upload.refused"));
            String card = "li.upload[data-batch]";
            page.waitForSelector(card);
            String id = page.getAttribute(card, "data-batch");
            Imports.finish(worker, id);
            page.waitForSelector(card + " .badge:has-text('Partly imported')",
                    new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertEquals(url("/console/imports/new"), page.url(), "the card changed without a reload");
            assertEquals("width: 100%", page.getAttribute(card + " .progress span", "style").strip(), "the bar reached the end");
            assertTrue(page.textContent(card + " .counts").contains("1 created"), page.textContent(card + " .counts"));
            screenshot(page, "wizard");

            page.click(card + " a:has-text('Details')");
            page.waitForSelector("text=Failed rows");
            String failed = page.textContent("section:has(h2:has-text('Failed rows'))");
            assertTrue(failed.contains("input/emailAddress") && failed.contains("VALIDATION"), failed);
            screenshot(page, "batch-detail");

            Download download = page.waitForDownload(() -> page.click("a:has-text('Exceptions')"));
            String exceptions = Files.readString(download.path(), StandardCharsets.UTF_8);
            assertTrue(exceptions.contains("grace-at-example.com") && exceptions.contains(",6,VALIDATION,"), exceptions);
            assertFalse(exceptions.contains(good), "only the failed row: " + exceptions);
            Download workbook = page.waitForDownload(() -> page.click("a:has-text('Exceptions (Excel)')"));
            assertTrue(workbook.suggestedFilename().endsWith("-exceptions.xlsx"), workbook.suggestedFilename());
            byte[] zip = Files.readAllBytes(workbook.path());
            assertTrue(zip.length > 4 && zip[0] == 'P' && zip[1] == 'K', "a workbook is a zip archive");

            page.click("text=Templates");
            page.waitForSelector("#createContact");
            screenshot(page, "templates");
        }
    }

    @Test
    void an_admin_uploads_an_excel_workbook_through_the_wizard_and_its_page_names_the_format() throws IOException {
        String account = UniqueNames.of("Workbook Account");
        Imports.graphql("mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", account)));
        java.io.ByteArrayOutputStream workbook = new java.io.ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook book = new org.dhatim.fastexcel.Workbook(workbook, "Intake tests", "1.0");
        org.dhatim.fastexcel.Worksheet sheet = book.newWorksheet("Contacts");
        List<String> row = List.of("account", "emailAddress", "firstName", "lastName", "status", "phone");
        List<Object> values = List.of(account, UniqueNames.email("workbook"), "Wilma", "Book", "ACTIVE", 447700900123L);
        for (int c = 0; c < row.size(); c++) {
            sheet.value(0, c, row.get(c));
            if (values.get(c) instanceof Long number) {
                sheet.value(1, c, number);
            } else {
                sheet.value(1, c, (String) values.get(c));
            }
        }
        book.finish();

        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            signIn(page, "ada", "acme", List.of("import-admin", "accounts-writer", "contacts-writer"));
            page.navigate(url("/console/imports/new"));
            page.check("input[name=template][value=createContact]");
            page.setInputFiles("#files", new FilePayload("contacts.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.toByteArray()));
            page.click("#upload");
            String card = "li.upload[data-batch]";
            page.waitForSelector(card);
            Imports.finish(worker, page.getAttribute(card, "data-batch"));
            page.waitForSelector(card + " .badge:has-text('Completed')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            page.click(card + " a:has-text('Details')");
            page.waitForSelector("dt:has-text('Format')");
            assertEquals("Excel workbook, first sheet", page.textContent("dt:has-text('Format') + dd").strip());
            screenshot(page, "workbook-batch");
        }
    }

    @Test
    void an_admin_maps_a_crm_exports_columns_and_values_in_the_mapping_step() throws IOException {
        String account = UniqueNames.of("Mapped In Browser");
        Imports.graphql("mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", account)));
        String newCompany = UniqueNames.of("New In Browser");
        String csv = "Company,E-mail,First name,Last name,Lead Status,Shoe Size\r\n"
                + account + "," + UniqueNames.email("browser-map") + ",Pat,Prospect,Prospect,42\r\n"
                + newCompany + "," + UniqueNames.email("browser-new") + ",Sam,Newman,Prospect,44\r\n";
        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            signIn(page, "ada", "acme", List.of("import-admin", "accounts-writer", "contacts-writer"));
            page.navigate(url("/console/imports/new"));
            page.check("input[name=template][value=createContact]");
            page.setInputFiles("#files", new FilePayload("crm-export.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
            page.click("#upload");
            page.waitForSelector("li.upload[data-batch]");
            String id = page.getAttribute("li.upload[data-batch]", "data-batch");
            worker.drain();
            page.waitForURL("**/console/imports/" + id + "/mapping", new Page.WaitForURLOptions().setTimeout(15_000));
            page.waitForSelector("form#mapping");

            page.navigate(url("/console/imports"));
            String row = "#batch-" + id;
            assertEquals("Needs mapping", page.textContent(row + " .badge").strip());
            page.click(row + " a:has-text('Map the columns')");
            page.waitForSelector("form#mapping");
            assertEquals("input/account", page.inputValue("#field-1"), "the alias is proposed");
            assertTrue(page.textContent("tr:has(#field-1)").contains("alias \"Company\""));
            assertEquals("", page.inputValue("#field-6"), "an unrelated column is not imported unless chosen");
            assertTrue(page.textContent("tr:has(#field-5)").contains("“Prospect”"), "the refused value is listed");
            assertTrue(page.textContent("tr:has(#field-1)").contains("“" + newCompany + "”"),
                    "the company that names no account is listed");
            assertEquals("FAIL", page.inputValue("#policy-1"), "a lookup fails its row unless told otherwise");
            assertEquals("Every required field has a column.", page.textContent("#mapping-summary").strip());

            page.selectOption("#field-2", "");
            assertEquals("Still missing: Email Address.", page.textContent("#mapping-summary").strip(),
                    "the page says what is missing before anything is sent");
            page.click("button:has-text('Map and import')");
            page.waitForSelector("#mapping-error:not([hidden])");
            assertTrue(page.textContent("#mapping-error").contains("no column maps to the required field Email Address"),
                    page.textContent("#mapping-error"));

            page.selectOption("#field-2", "input/emailAddress");
            page.selectOption("#to-5-0", "LEAD");
            page.selectOption("#policy-1", "CREATE");
            screenshot(page, "mapping");
            page.click("button:has-text('Map and import')");
            page.waitForURL("**/console/imports/" + id);
            Imports.finish(worker, id);
            page.waitForSelector("#summary .badge:has-text('Completed')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            screenshot(page, "mapped-batch");
            assertEquals(2, Imports.batch(id).getInt("successCount"));
            assertTrue(Imports.graphql("{ accounts { name } }", Map.of()).getList("data.accounts.name")
                    .contains(newCompany), "the create policy made the new company's account");
            // the batch page keeps the mapping it ran with, and who decided it
            assertEquals("Mapped by ada.", page.textContent(".mapping-sheet .hint").strip());
            String company = page.textContent(".mapping-sheet tr:has-text('Company')");
            assertTrue(company.contains("Account (input/account)") && company.contains("No match creates the record"),
                    company);
            assertTrue(page.textContent(".mapping-sheet tr:has-text('Lead Status')").contains("Prospect → LEAD"));
            assertTrue(page.textContent(".mapping-sheet tr:has-text('Shoe Size')").contains("Not imported"));
            JsonPath mapping = Imports.graphql("""
                    query($id: ID!) { importBatch(id: $id) { mapping { decidedBy decidedByUser
                      columns { header field lookupPolicy valueMaps { from to } } } } }
                    """, Map.of("id", id)).setRootPath("data.importBatch.mapping");
            assertEquals("person", mapping.getString("decidedBy"));
            assertEquals("ada", mapping.getString("decidedByUser"));
            assertEquals("LEAD", mapping.getString("columns.find { it.header == 'Lead Status' }.valueMaps[0].to"));
        }
    }

    @Test
    void a_dry_run_is_started_from_its_row_menu() throws IOException {
        String id = Imports.acceptedDryRun(Tokens.ADMIN, "createAccount", "checked-accounts.csv",
                Imports.csv("name", UniqueNames.of("Checked")));
        Imports.finish(worker, id);

        // At the narrowest width the console supports.
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768));
                Page page = context.newPage()) {
            signIn(page, "ada", "acme", List.of("import-admin"));
            String row = "#batch-" + id;
            assertEquals("Ready to start", page.textContent(row + " .badge").strip());
            page.click(row + " summary");
            screenshot(page, "imports-menu");
            page.click(row + " button:has-text('Start import')");
            page.waitForSelector(row + " .badge:has-text('Running')");
            Imports.finish(worker, id);
            page.waitForSelector(row + " .badge:has-text('Completed')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertEquals("COMPLETED", Imports.batch(id).getString("status"));
            assertFalse(Imports.batch(id).getBoolean("dryRun"), "it ran for real");
            assertEquals(1024, page.evaluate("document.documentElement.scrollWidth"), "no sideways scrolling");
            screenshot(page, "imports");
        }
    }

    @Test
    void an_admin_checks_a_rollback_then_rolls_the_import_back_from_its_row_menu_and_downloads_what_became_of_each_row()
            throws IOException {
        String name = UniqueNames.of("Rolled");
        String id = Imports.accepted("createAccount", "rolled-accounts.csv", Imports.csv("name", name));
        Imports.finish(worker, id);

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768));
                Page page = context.newPage()) {
            signIn(page, "rob", "acme", List.of("import-admin", "accounts-writer"));
            page.onDialog(dialog -> {
                assertTrue(dialog.message().startsWith("Roll back rolled-accounts.csv?"), dialog.message());
                dialog.accept();
            });
            // first a check: what a rollback would do, changing nothing
            page.navigate(url("/console/imports/" + id));
            page.click("button:has-text('Check rollback')");
            // the check is asked for once the page says it runs; then the workers take it
            page.waitForSelector(".rollback-check:has-text('Checking what a rollback would do')");
            Imports.finish(worker, id);
            page.waitForSelector(".rollback-check:has-text('a rollback would undo 1 of 1 row')",
                    new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertEquals("COMPLETED", Imports.batch(id).getString("status"), "a check changes nothing");
            screenshot(page, "rollback-check");
            Download check = page.waitForDownload(() -> page.click("a:has-text('Why, row by row')"));
            String checked = Files.readString(check.path(), StandardCharsets.UTF_8);
            assertTrue(checked.startsWith("Row,Record ID,Would be,Error Type,Why") && checked.contains(",UNDONE,"), checked);

            page.navigate(url("/console/imports"));
            String row = "#batch-" + id;
            page.click(row + " summary");
            page.click(row + " button:has-text('Roll back')");
            page.waitForSelector(row + " .badge:has-text('Rolling back')");
            Imports.finish(worker, id);
            page.waitForSelector(row + " .badge:has-text('Rolled back')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertEquals("ROLLED_BACK", Imports.batch(id).getString("status"));

            page.navigate(url("/console/imports/" + id));
            assertTrue(page.textContent(".message").contains("Rolled back: 1 of 1"), page.textContent(".message"));
            assertEquals(0, page.locator("button:has-text('Roll back')").count(), "a whole rollback is the end");
            screenshot(page, "rolled-back");
            Download results = page.waitForDownload(() -> page.click("a:has-text('Rollback results')"));
            String csv = Files.readString(results.path(), StandardCharsets.UTF_8);
            assertTrue(csv.startsWith("Row,Record ID,Result,Error Type,Why") && csv.contains(",UNDONE,"), csv);
        }
    }

    @Test
    void an_admin_retries_the_failed_rows_from_the_batch_page_and_both_pages_show_the_chain() throws IOException {
        String missing = UniqueNames.of("Retry Ltd");
        String id = Imports.accepted("createContact", "retry-contacts.csv", Imports.csv(
                "account,emailAddress,firstName,lastName,status",
                missing + "," + UniqueNames.email("rc1") + ",Rae,One,ACTIVE",
                missing + "," + UniqueNames.email("rc2") + ",Rex,Two,ACTIVE"));
        Imports.finish(worker, id);
        dev.intake.support.Catalogue.account(dev.intake.support.Tokens.ADMIN, missing);

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768));
                Page page = context.newPage()) {
            signIn(page, "rae", "acme", List.of("import-admin", "contacts-writer"));
            page.onDialog(dialog -> dialog.accept());
            page.navigate(url("/console/imports/" + id));
            page.click("button:has-text('Retry failed rows')");
            page.waitForURL(url -> !url.endsWith("/console/imports/" + id));
            String child = page.url().substring(page.url().lastIndexOf('/') + 1);
            assertEquals(id, Imports.batch(child).getString("parentId"));
            Imports.finish(worker, child);
            page.reload();
            page.waitForSelector(".family:has-text('This batch retries failed rows of retry-contacts.csv')");
            screenshot(page, "retry-batch");
            Download ids = page.waitForDownload(() -> page.click("a:has-text('Record IDs')"));
            List<String> lines = Files.readAllLines(ids.path(), StandardCharsets.UTF_8);
            assertEquals("Row Number,Entity ID,Outcome", lines.get(0));
            assertEquals(3, lines.size(), "the two contacts the retry created: " + lines);
            assertTrue(lines.get(1).startsWith("2,") && lines.get(1).endsWith(",CREATED"), lines.get(1));

            page.click(".family a:has-text('retry-contacts.csv')");
            page.waitForSelector(".family:has-text('2 of 2 failed rows imported since by its retry.')");
            assertEquals(0, page.locator("button:has-text('Retry failed rows')").count(), "nothing is left to retry");
            screenshot(page, "retried-batch");
        }
    }

    @Test
    void an_admin_uploads_accounts_and_contacts_as_one_set_and_the_imports_page_shows_it_as_one_row()
            throws IOException {
        String account = UniqueNames.of("Wizard Set Ltd");
        byte[] contacts = Imports.csv("account,emailAddress,firstName,lastName,status",
                account + "," + UniqueNames.email("ws") + ",Wes,Set,ACTIVE").getBytes(StandardCharsets.UTF_8);
        byte[] accounts = Imports.csv("name", account).getBytes(StandardCharsets.UTF_8);
        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            signIn(page, "wes", "acme", List.of("import-admin", "accounts-writer", "contacts-writer"));
            page.navigate(url("/console/imports/new"));
            page.check("#as-set");
            page.setInputFiles("#files", new FilePayload[] {
                    new FilePayload("wizard-contacts.csv", "text/csv", contacts),
                    new FilePayload("wizard-accounts.csv", "text/csv", accounts) });
            page.selectOption("select[aria-label='Template of wizard-contacts.csv']", "createContact");
            page.selectOption("select[aria-label='Template of wizard-accounts.csv']", "auto");
            screenshot(page, "wizard-set");
            page.click("button:has-text('Upload as one set')");
            page.waitForURL("**/console/imports#set-*");
            String setId = page.url().substring(page.url().indexOf("#set-") + 5);
            JsonPath set = Imports.as(Tokens.of("wes", "acme", "import-admin")).get("/imports/sets/" + setId).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(List.of("createAccount", "createContact"), set.getList("batches.batch.template"));
            for (String id : set.getList("batches.batch.id", String.class)) {
                Imports.finish(worker, id);
            }
            page.reload();
            String row = "#set-" + setId;
            page.waitForSelector(row + "[open]");
            assertTrue(page.textContent(row + " summary").contains("Completed"), page.textContent(row + " summary"));
            assertTrue(page.textContent(row + " tr:has-text('wizard-contacts.csv')").contains("wizard-accounts.csv"),
                    "the contacts ran after the accounts");
            screenshot(page, "imports-set");
        }
    }

    @Test
    void the_grid_and_the_batch_page_follow_batches_from_the_event_stream_without_polling() throws Exception {
        String listed = Imports.accepted("createAccount", "pushed-accounts.csv", Imports.csv("name", UniqueNames.of("Pushed")));

        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            List<String> polls = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onRequest(request -> {
                if (request.url().matches(".*/console/imports/[^/]+/(row|summary|card)$")) {
                    polls.add(request.url());
                }
            });
            signIn(page, "ada", "acme", List.of("import-admin"));
            page.waitForFunction("window.intakeStreamOpen === true");
            polls.clear();
            Thread.sleep(4_500);
            assertEquals(List.of(), polls, "no polling while the stream is open");

            Imports.finish(worker, listed);
            page.waitForSelector("#batch-" + listed + " .badge:has-text('Completed')",
                    new Page.WaitForSelectorOptions().setTimeout(10_000));
            assertTrue(polls.stream().allMatch(url -> url.endsWith("/" + listed + "/row")),
                    "only the changed batch's row fetched itself: " + polls);

            String detailed = Imports.accepted("createAccount", "pushed-detail.csv",
                    Imports.csv("name", UniqueNames.of("Detail")));
            page.navigate(url("/console/imports/" + detailed));
            page.waitForFunction("window.intakeStreamOpen === true");
            Imports.finish(worker, detailed);
            page.waitForSelector("#summary:has-text('Completed')", new Page.WaitForSelectorOptions().setTimeout(10_000));
            screenshot(page, "pushed-batch");

            APIResponse foreign = context.request().get(url("/console/events"), RequestOptions.create()
                    .setHeader("Origin", "https://elsewhere.example").setMaxRedirects(0));
            assertEquals(403, foreign.status(), "a foreign Origin is refused");
        }
        APIRequestContext anonymous = playwright.request().newContext();
        try {
            APIResponse signedOut = anonymous.get(url("/console/events"), RequestOptions.create().setMaxRedirects(0));
            assertTrue(signedOut.status() == 302 || signedOut.status() == 401, "no session, no events: "
                    + signedOut.status());
        } finally {
            anonymous.dispose();
        }
    }

    @Test
    void an_admin_adds_a_webhook_sees_its_secret_once_and_follows_its_deliveries() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(1);
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(failures.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            signIn(page, "ada", "acme", List.of("import-admin"));
            page.click("nav a:has-text('Webhooks')");
            page.fill("#webhook-url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            page.click("button:has-text('Add webhook')");
            String secret = page.textContent(".message.secret .mono").strip();
            assertTrue(secret.startsWith("whsec_"), "the secret is shown: " + secret);

            String id = Imports.accepted("createAccount", "hooked-accounts.csv", Imports.csv("name", UniqueNames.of("Hooked")));
            Imports.finish(worker, id);
            sender.sendDue();
            page.reload();
            assertTrue(page.textContent(".webhook tbody tr").contains("The receiver answered 503"),
                    page.textContent(".webhook tbody tr"));
            assertFalse(page.content().contains(secret), "the secret is shown once only");
            sender.sendDue();
            page.reload();
            assertEquals("Delivered", page.textContent(".webhook tbody tr .badge").strip());
            page.click(".webhook tbody tr button:has-text('Send again')");
            page.waitForSelector(".webhook tbody tr .badge:has-text('Waiting'), .webhook tbody tr .badge:has-text('Retrying')");
            sender.sendDue();
            page.reload();
            assertEquals("3", page.textContent(".webhook tbody tr td.num").strip(), "three attempts: 503, 204, 204");
            screenshot(page, "webhooks");

            page.onDialog(dialog -> dialog.accept());
            page.click(".webhook button:has-text('Remove')");
            page.waitForSelector("h2:has-text('No webhooks')");

            // the email module's page is in the same menu; this server reads no mailbox, and the page says so
            page.click("nav a:has-text('Email')");
            assertTrue(page.textContent("#email-off").contains("This server reads no mailbox"));
            screenshot(page, "email-off");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void a_viewer_finds_the_plus_button_disabled_and_still_downloads_and_another_organisation_gets_not_found()
            throws IOException {
        String content = Imports.csv("name", UniqueNames.of("Viewed"));
        String id = Imports.accepted("createAccount", "viewed-accounts.csv", content);
        Imports.finish(worker, id);

        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            signIn(page, "vic", "acme", List.of("import-viewer"));
            String plus = "span.button:has-text('+ New import')";
            assertEquals("true", page.getAttribute(plus, "aria-disabled"));
            assertEquals("Needs the import-admin role", page.getAttribute(plus, "title"));
            page.click("#batch-" + id + " summary");
            Download download = page.waitForDownload(() -> page.click("#batch-" + id + " a:has-text('Download')"));
            assertEquals(content, Files.readString(download.path(), StandardCharsets.UTF_8));
            screenshot(page, "viewer-imports");
        }
        try (BrowserContext context = newContext(); Page page = context.newPage()) {
            signIn(page, "olga", "globex", List.of("import-admin"));
            page.navigate(url("/console/imports/" + id));
            assertTrue(page.textContent("h1").contains("There is no import batch"), page.textContent("h1"));
            screenshot(page, "not-found");
        }
    }

    private BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setAcceptDownloads(true));
    }

    private void signIn(Page page, String user, String organisation, List<String> roles) throws IOException {
        ConsoleBrowser.signIn(page, url("/console/imports"), user, organisation, roles);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(Page page, String name) throws IOException {
        ConsoleBrowser.screenshot(page, name);
    }
}
