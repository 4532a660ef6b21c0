package dev.intake.mail;

import static dev.intake.fixtures.MailServer.deliver;
import static dev.intake.fixtures.MailServer.folder;
import static dev.intake.fixtures.MailServer.repliesTo;
import static dev.intake.fixtures.TestMail.attachment;
import static dev.intake.fixtures.TestMail.attachmentNames;
import static dev.intake.fixtures.TestMail.message;
import static dev.intake.fixtures.TestMail.textOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.intake.fixtures.MailServer;
import dev.intake.fixtures.TestMail;
import dev.intake.processing.ImportWorker;
import dev.intake.support.ConsoleBrowser;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Imports by email against a real mail server (GreenMail, SMTP and IMAP): an allowed sender's CSV and workbook become
 * two batches with their email records, the reply arrives in the sender's mailbox with the counts and the exceptions
 * file, refused mail is recorded with why and moved aside, a message is imported once however often it is read, and a
 * rotated address stops working after its grace period.
 */
@QuarkusTest
@TestProfile(EmailIntakeTest.WithMailbox.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailIntakeTest {

    /** Its own application, reading GreenMail's mailbox. */
    public static class WithMailbox implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MailServer.class));
        }
    }

    private static final String ADMIN = Tokens.of("mae", "mailed", "import-admin", "accounts-writer");
    private static final String SENDER = "erp@partner.test";

    private static String address;

    @Inject
    MailboxPoller poller;

    @Inject
    ImportWorker worker;

    @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081")
    int port;

    @Test
    @Order(1)
    void an_allowed_senders_csv_and_workbook_become_two_batches_and_the_reply_brings_the_outcome() throws Exception {
        address = settings("mutation { rotateEmailImportAddress { address } }").getString(
                "data.rotateEmailImportAddress.address");
        assertTrue(address.matches("imports\\+[0-9a-f]{40}@intake\\.test"), address);
        settings("mutation { updateEmailImportSettings(input: {allowedSenders: [\"" + SENDER + "\"],"
                + " requireAuthentication: true, replies: true}) { allowedSenders } }");
        settings("mutation { saveEmailImportRule(input: {position: 1, filenamePattern: \"*.csv\", template:"
                + " \"createAccount\", dryRun: false}) { rules { id } } }");
        JsonPath rules = settings("mutation { saveEmailImportRule(input: {position: 2, filenamePattern: \"*.xlsx\","
                + " subjectPattern: \"nightly\", template: \"createAccount\", dryRun: false}) { rules { template savedBy } } }");
        assertEquals(List.of("mae", "mae"), rules.getList("data.saveEmailImportRule.rules.savedBy"));

        String fromCsv = UniqueNames.of("Mailed Csv");
        String fromWorkbook = UniqueNames.of("Mailed Xlsx");
        MimeMessage message = message(SENDER, address, "Nightly accounts", true,
                attachment("accounts.csv", ("name,parent\r\n" + fromCsv + ",\r\nOrphan," + UniqueNames.of("No Parent")
                        + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv"),
                attachment("accounts.xlsx", workbook(fromWorkbook),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        deliver(message);

        assertEquals(1, poller.poll(), "one message recorded");
        assertEquals(0, poller.poll(), "read again, nothing new: it was moved to the processed folder");
        JsonPath messages = settings("{ emailImportMessages { status reason sender subject batches } }");
        assertEquals("ACCEPTED", messages.getString("data.emailImportMessages[0].status"), messages.prettify());
        List<String> batches = messages.getList("data.emailImportMessages[0].batches");
        assertEquals(2, batches.size());
        for (String id : batches) {
            JsonPath batch = Imports.finish(worker, ADMIN, id);
            assertEquals("EMAIL", batch.getString("source"));
            JsonPath record = new JsonPath(batch.getString("emailRecord"));
            assertEquals(SENDER, record.getString("sender"));
            assertEquals(address, record.getString("recipient"));
            assertEquals("Nightly accounts", record.getString("subject"));
            assertEquals(message.getMessageID(), record.getString("messageId"));
            assertNotNull(record.getString("receivedAt"));
            assertTrue(List.of("accounts.csv", "accounts.xlsx").contains(record.getString("attachment")));
        }
        List<Object> names = Imports.graphql(ADMIN, "{ accounts { name } }", Map.of()).getList("data.accounts.name");
        assertTrue(names.contains(fromCsv) && names.contains(fromWorkbook), names.toString());

        assertTrue(MailServer.awaitReceived(1), "the reply arrives");
        MimeMessage reply = repliesTo(SENDER).get(0);
        assertEquals("Imported: Nightly accounts", reply.getSubject());
        assertEquals(message.getMessageID(), reply.getHeader("In-Reply-To", null), "in the same thread");
        String text = textOf(reply);
        assertTrue(text.contains("accounts.csv (createAccount): PARTIAL_SUCCESS") && text.contains("1 failed")
                && text.contains("LOOKUP") && text.contains("/console/imports/"), text);
        assertTrue(attachmentNames(reply).contains("accounts-exceptions.csv"), attachmentNames(reply).toString());
        assertEquals(1, folder("Intake-Processed"), "moved once it was recorded");
    }

    @Test
    @Order(2)
    void forged_not_allowed_attachmentless_and_unknown_mail_is_refused_recorded_and_moved_aside() throws Exception {
        MailServer.reset();
        byte[] csv = ("name\r\n" + UniqueNames.of("Never") + "\r\n").getBytes(StandardCharsets.UTF_8);
        deliver(message(SENDER, address, "Forged", false, attachment("a.csv", csv, "text/csv")));
        deliver(message("someone@elsewhere.test", address, "Not allowed", true, attachment("b.csv", csv, "text/csv")));
        deliver(message(SENDER, address, "No attachment", true));
        deliver(message(SENDER, "imports+0000@intake.test", "Unknown token", true, attachment("c.csv", csv,
                "text/csv")));

        assertEquals(4, poller.poll());
        JsonPath messages = settings("{ emailImportMessages(first: 10) { status reason subject } }");
        List<Map<String, String>> read = messages.getList("data.emailImportMessages");
        assertTrue(reason(read, "Forged").startsWith("authentication required but missing"), read.toString());
        assertTrue(reason(read, "Not allowed").startsWith("sender not allowed: someone@elsewhere.test"));
        assertTrue(reason(read, "No attachment").startsWith("no attachment"));
        assertTrue(read.stream().noneMatch(message -> "Unknown token".equals(message.get("subject"))),
                "a message to no address of the organisation is not the organisation's");
        assertEquals(4, folder("Intake-Rejected"));

        assertTrue(MailServer.awaitReceived(5));
        List<MimeMessage> replies = repliesTo(SENDER);
        assertEquals(List.of("Not imported: No attachment"), replies.stream().map(TestMail::subject).toList(),
                "only the allowed, authenticated sender hears back; a forged From gets nothing");
        assertTrue(repliesTo("someone@elsewhere.test").isEmpty());
    }

    @Test
    @Order(3)
    void a_message_is_imported_once_even_when_it_is_in_the_mailbox_twice() throws Exception {
        MimeMessage message = message(SENDER, address, "Nightly twice", true, attachment("twice.csv",
                ("name\r\n" + UniqueNames.of("Twice") + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv"));
        deliver(message);
        deliver(message);
        assertEquals(1, poller.poll(), "the second copy is the same message, by its SHA-256");
        assertEquals(0, folder("INBOX"));
    }

    @Test
    @Order(4)
    void a_rotated_address_works_through_its_grace_period_and_is_refused_after_it() throws Exception {
        String old = address;
        address = settings("mutation { rotateEmailImportAddress { address previousAddresses { address } } }")
                .getString("data.rotateEmailImportAddress.address");
        assertFalse(old.equals(address));
        deliver(message(SENDER, old, "Nightly in grace", true, attachment("grace.csv",
                ("name\r\n" + UniqueNames.of("Grace") + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")));
        poller.poll();
        Thread.sleep(2_500);
        deliver(message(SENDER, old, "Nightly too late", true, attachment("late.csv",
                ("name\r\n" + UniqueNames.of("Late") + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")));
        poller.poll();
        List<Map<String, String>> read = settings("{ emailImportMessages(first: 20) { status reason subject } }")
                .getList("data.emailImportMessages");
        assertEquals("ACCEPTED", read.stream().filter(m -> "Nightly in grace".equals(m.get("subject"))).findFirst()
                .orElseThrow().get("status"));
        assertTrue(reason(read, "Nightly too late").startsWith("rotated token"), read.toString());
    }

    @Test
    @Order(5)
    void a_rule_whose_admin_has_since_lost_the_import_role_refuses_mail_and_says_why() throws Exception {
        String lee = Tokens.of("lee", "mailed", "import-admin", "accounts-writer");
        JsonPath saved = Imports.graphql(lee, "mutation { saveEmailImportRule(input: {position: 0, subjectPattern:"
                + " \"from lee\", template: \"createAccount\", dryRun: false}) { rules { id savedBy refusal } } }",
                Map.of());
        String rule = saved.getString("data.saveEmailImportRule.rules.find { it.savedBy == 'lee' }.id");
        // lee's next request shows a token without the role: refused, and from then on lee's rule refuses mail
        JsonPath refused = Imports.graphql(Tokens.of("lee", "mailed", "import-viewer"), "{ emailImportSettings {"
                + " address } }", Map.of());
        assertNotNull(refused.get("errors"), refused.prettify());
        String refusal = awaitRefusal(rule, true);
        assertTrue(refusal.contains("saved by lee, who has since lost the import-admin role"), refusal);

        deliver(message(SENDER, address, "Accounts from lee", true, attachment("lee.csv",
                ("name\r\n" + UniqueNames.of("Lee") + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")));
        assertEquals(1, poller.poll());
        List<Map<String, String>> read = settings("{ emailImportMessages(first: 5) { status reason subject } }")
                .getList("data.emailImportMessages");
        assertTrue(reason(read, "Accounts from lee").startsWith("rule refused: lee.csv: the rule for createAccount"
                + " was saved by lee, who has since lost the import-admin role"), read.toString());

        Imports.graphql(lee, "{ emailImportSettings { address } }", Map.of());
        assertEquals("(none)", awaitRefusal(rule, false), "lee has the role again: the rule accepts mail");
        settings("mutation { deleteEmailImportRule(id: \"" + rule + "\") { address } }");
    }

    @Test
    @Order(6)
    void an_admin_reads_and_changes_the_settings_on_the_console_and_a_viewer_has_no_email_page() throws Exception {
        try (ConsoleBrowser chromium = ConsoleBrowser.start(port); BrowserContext context = chromium.newContext();
                Page page = context.newPage()) {
            chromium.signIn(page, "mae", "mailed", List.of("import-admin", "accounts-writer"));
            page.click("nav a:has-text('Email')");
            page.waitForURL("**/console/email");
            assertEquals(address, page.textContent("#email-address").strip());
            String mail = page.textContent("#email-messages");
            assertTrue(mail.contains("Nightly accounts") && mail.contains("Imported") && mail.contains("Forged")
                    && mail.contains("authentication required but missing"), mail);

            page.fill("#allowed-senders", SENDER + "\nnot an address");
            page.click("#email-settings button[type=submit]");
            page.waitForSelector("#toast:not([hidden])");
            assertTrue(page.textContent("#toast").contains("'not an address' is neither an address nor an @domain"
                    + " pattern"), page.textContent("#toast"));
            page.fill("#allowed-senders", SENDER + "\n@partner.test");
            page.click("#email-settings button[type=submit]");
            page.waitForSelector("#email-saved");
            assertEquals(List.of(SENDER, "@partner.test"), settings("{ emailImportSettings { allowedSenders } }")
                    .getList("data.emailImportSettings.allowedSenders"));

            page.fill("#email-rule input[name=subjectPattern]", "weekly stock");
            page.selectOption("#email-rule select[name=template]", "createAccount");
            page.selectOption("#email-rule select[name=mode]", "dry-run");
            page.click("#email-rule button[type=submit]");
            page.waitForSelector("#email-rules tr:has-text('weekly stock')");
            assertTrue(page.textContent("#email-rules tr:has-text('weekly stock')").contains("Dry run"));
            ConsoleBrowser.screenshot(page, "email-settings");
            page.onDialog(dialog -> dialog.accept());
            page.click("#email-rules tr:has-text('weekly stock') button:has-text('Remove')");
            page.waitForSelector("#email-saved:has-text('Rule removed')");
            assertFalse(page.textContent("#email-rules").contains("weekly stock"));
        }
        try (ConsoleBrowser chromium = ConsoleBrowser.start(port); BrowserContext context = chromium.newContext();
                Page page = context.newPage()) {
            chromium.signIn(page, "vic", "mailed", List.of("import-viewer"));
            assertEquals(0, page.locator("nav a:has-text('Email')").count(), "the menu offers admins' pages to admins");
            page.navigate(chromium.url("/console/email"));
            assertTrue(page.textContent("#email-page").contains("For import admins"));
        }
    }

    @Test
    @Order(7)
    void a_rule_that_pins_a_saved_mapping_imports_files_with_its_headers_and_refuses_an_export_that_changed()
            throws Exception {
        String erp = "Company Name,Region\r\n";
        String first = Imports.upload(ADMIN, "createAccount", "erp-first.csv", (erp + UniqueNames.of("Erp First")
                + ",North\r\n").getBytes(StandardCharsets.UTF_8)).then().statusCode(202).extract().path("id");
        worker.drain();
        assertEquals("MAPPING", Imports.batch(ADMIN, first).getString("status"));
        JsonPath refused = Imports.graphql(ADMIN, "mutation { saveEmailImportRule(input: {position: 0, subjectPattern:"
                + " \"erp accounts\", template: \"createAccount\", dryRun: false, mappingFrom: \"" + first + "\"})"
                + " { address } }", Map.of());
        assertTrue(refused.getString("errors[0].message").contains("saved no column mapping of createAccount"),
                refused.prettify());
        Imports.graphql(ADMIN, "mutation($id: ID!, $input: MapColumnsInput!) { mapColumns(id: $id, input: $input)"
                + " { status } }", Map.of("id", first, "input", Map.of("save", true, "columns", List.of(Map.of(
                        "column", 1, "field", "input/name"), Map.of("column", 2, "ignore", true)))));
        String rule = settings("mutation { saveEmailImportRule(input: {position: 0, subjectPattern: \"erp accounts\","
                + " template: \"createAccount\", dryRun: false, mappingFrom: \"" + first + "\"}) { rules { id"
                + " mappingFrom } } }").getString("data.saveEmailImportRule.rules.find { it.mappingFrom == '" + first
                        + "' }.id");

        String mailed = UniqueNames.of("Erp Mailed");
        deliver(message(SENDER, address, "ERP accounts", true, attachment("erp.csv", ("Region,company name\r\nSouth,"
                + mailed + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")));
        deliver(message(SENDER, address, "ERP accounts, new export", true, attachment("erp-v2.csv",
                ("Company Name,Region,Owner\r\n" + UniqueNames.of("Erp Changed") + ",West,ann\r\n")
                        .getBytes(StandardCharsets.UTF_8), "text/csv")));
        assertEquals(2, poller.poll());
        List<Map<String, Object>> read = settings("{ emailImportMessages(first: 5) { status reason subject batches }"
                + " }").getList("data.emailImportMessages");
        Map<String, Object> accepted = read.stream().filter(m -> "ERP accounts".equals(m.get("subject"))).findFirst()
                .orElseThrow();
        assertEquals("ACCEPTED", accepted.get("status"), read.toString());
        @SuppressWarnings("unchecked")
        String batch = ((List<String>) accepted.get("batches")).get(0);
        JsonPath done = Imports.finish(worker, ADMIN, batch);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals("saved", Imports.graphql(ADMIN, "query($id: ID!) { importBatch(id: $id) { mapping { decidedBy }"
                + " } }", Map.of("id", batch)).getString("data.importBatch.mapping.decidedBy"));
        assertTrue(Imports.graphql(ADMIN, "{ accounts { name } }", Map.of()).getList("data.accounts.name")
                .contains(mailed));
        String reason = read.stream().filter(m -> "ERP accounts, new export".equals(m.get("subject"))).findFirst()
                .map(m -> (String) m.get("reason")).orElse("(not recorded)");
        assertEquals("attachment refused: erp-v2.csv: its headers are not those of the saved mapping of batch "
                + first.substring(0, 8) + " that the rule for createAccount pins: not in that mapping: 'owner'", reason);
        settings("mutation { deleteEmailImportRule(id: \"" + rule + "\") { address } }");
    }

    @Test
    @Order(8)
    void a_message_over_the_size_limit_is_refused_from_its_headers_and_only_an_allowed_sender_hears_why()
            throws Exception {
        MailServer.reset();
        byte[] large = new byte[400 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');
        deliver(message(SENDER, address, "Nightly, too large", true, attachment("large.csv", large, "text/csv")));
        deliver(message("someone@elsewhere.test", address, "Large, not allowed", true, attachment("large.csv", large,
                "text/csv")));
        assertEquals(2, poller.poll());
        List<Map<String, String>> read = settings("{ emailImportMessages(first: 5) { status reason subject } }")
                .getList("data.emailImportMessages");
        assertTrue(reason(read, "Nightly, too large").matches("message too large: it has \\d+ bytes; the limit is"
                + " 307200 bytes \\(intake.email.max-message-size\\).*"), read.toString());
        assertTrue(reason(read, "Large, not allowed").startsWith("sender not allowed"), read.toString());
        assertEquals(2, folder("Intake-Rejected"));
        assertTrue(MailServer.awaitReceived(3));
        assertEquals(List.of("Not imported: Nightly, too large"), repliesTo(SENDER).stream()
                .map(TestMail::subject).toList());
        assertTrue(repliesTo("someone@elsewhere.test").isEmpty());
    }

    /**
     * With replies off, neither a refused message nor an imported one is answered, even once replies are on again; the
     * next message after that is.
     */
    @Test
    @Order(9)
    void with_replies_off_no_message_is_answered() throws Exception {
        MailServer.reset();
        String quiet = UniqueNames.of("Quiet");
        settings("mutation { updateEmailImportSettings(input: {allowedSenders: [\"" + SENDER + "\"],"
                + " requireAuthentication: true, replies: false}) { replies } }");
        try {
            deliver(message(SENDER, address, "Quiet, no attachment", true));
            deliver(message(SENDER, address, "Quiet accounts", true, attachment("quiet.csv",
                    ("name\r\n" + quiet + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv")));
            assertEquals(2, poller.poll());
            List<Map<String, Object>> read = settings("{ emailImportMessages(first: 5) { status subject batches } }")
                    .getList("data.emailImportMessages");
            Map<String, Object> imported = read.stream().filter(message -> "Quiet accounts".equals(
                    message.get("subject"))).findFirst().orElseThrow(() -> new AssertionError(read.toString()));
            assertEquals("ACCEPTED", imported.get("status"), read.toString());
            for (Object id : (List<?>) imported.get("batches")) {
                assertEquals("COMPLETED", Imports.finish(worker, ADMIN, (String) id).getString("status"));
            }
        } finally {
            settings("mutation { updateEmailImportSettings(input: {allowedSenders: [\"" + SENDER + "\"],"
                    + " requireAuthentication: true, replies: true}) { replies } }");
        }
        assertTrue(Imports.graphql(ADMIN, "{ accounts { name } }", Map.of()).getList("data.accounts.name")
                .contains(quiet), "the quiet message was imported");
        deliver(message(SENDER, address, "Loud, no attachment", true));
        assertEquals(1, poller.poll());
        assertTrue(MailServer.awaitReceived(4), "three messages delivered and one reply");
        assertEquals(List.of("Not imported: Loud, no attachment"), repliesTo(SENDER).stream().map(TestMail::subject)
                .toList(), "only the message sent after replies were on again is answered");
    }

    /** The rule's refusal once it is (or is no longer) there: tokens are noted off the request's thread. */
    private static String awaitRefusal(String rule, boolean present) throws InterruptedException {
        String refusal = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            refusal = settings("{ emailImportSettings { rules { id refusal } } }").getString(
                    "data.emailImportSettings.rules.find { it.id == '" + rule + "' }.refusal");
            if ((refusal != null) == present) {
                return refusal == null ? "(none)" : refusal;
            }
            Thread.sleep(100);
        }
        return refusal == null ? "(none)" : refusal;
    }

    private static String reason(List<Map<String, String>> messages, String subject) {
        return messages.stream().filter(message -> subject.equals(message.get("subject"))).findFirst()
                .map(message -> message.get("reason")).orElse("(not recorded)");
    }

    private static JsonPath settings(String operation) {
        JsonPath answer = Imports.graphql(ADMIN, operation, Map.of());
        assertTrue(answer.get("errors") == null, answer.prettify());
        return answer;
    }

    private static byte[] workbook(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Intake tests", "1.0");
        Worksheet sheet = workbook.newWorksheet("Accounts");
        sheet.value(0, 0, "name");
        sheet.value(1, 0, name);
        workbook.finish();
        return out.toByteArray();
    }
}
