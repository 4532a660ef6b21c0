package dev.intake.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.intake.fixtures.TestMail;
import dev.intake.support.PackagedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Email intake exactly once, with packaged servers reading a real mailbox (GreenMail): a server killed after it has
 * recorded a message and before it has moved it leaves it to its successor, which moves it and imports nothing twice;
 * two servers reading the same mailbox import each message once.
 */
class EmailFaultsIT {

    @TempDir
    static Path work;

    private static EmbeddedPostgres postgres;
    private static GreenMail mail;
    private static int imap;

    @BeforeAll
    static void database_and_mail_server() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createDirectories(work.resolve("postgres")))
                .setCleanDataDirectory(false).start();
        imap = freePort();
        mail = new GreenMail(new ServerSetup[] { new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
        mail.start();
        mail.setUser("imports@intake.test", "imports", "secret");
    }

    @AfterAll
    static void stop() throws IOException {
        mail.stop();
        postgres.close();
    }

    @Test
    void a_server_killed_between_recording_a_message_and_moving_it_leaves_it_to_its_successor() throws Exception {
        String organisation = "mail-kill";
        String token = PackagedServer.token("kit", organisation, "import-admin", "accounts-writer");
        PackagedServer first = PackagedServer.start("mail-kill-1", properties(Map.of("intake.email.move-delay",
                "30s")), environment());
        String address;
        try {
            address = configure(first, token);
            deliver(address, "kill.csv", "name\r\nKilled One\r\nKilled Two\r\nKilled Three\r\n");
            await(() -> count("select count(*) from intake.email_message where organisation = ?", organisation) == 1,
                    first);
        } finally {
            first.kill();
        }
        assertEquals(1, inbox(), "killed before it moved the message");
        assertEquals(1, count("select count(*) from intake.import_batch where organisation = ?", organisation),
                "its batch was stored with the message's record");

        PackagedServer second = PackagedServer.start("mail-kill-2", properties(Map.of()), environment());
        try {
            await(() -> inbox() == 0, second);
            await(() -> count("select count(*) from account where organisation = ?", organisation) == 3, second);
            assertEquals(1, count("select count(*) from intake.email_message where organisation = ?", organisation));
            assertEquals(1, count("select count(*) from intake.import_batch where organisation = ?", organisation),
                    "the successor moved the message and imported nothing twice");
        } finally {
            second.stop();
        }
    }

    @Test
    void two_servers_reading_the_same_mailbox_import_each_message_once() throws Exception {
        String organisation = "mail-pair";
        String token = PackagedServer.token("pia", organisation, "import-admin", "accounts-writer");
        PackagedServer one = PackagedServer.start("mail-pair-1", properties(Map.of()), environment());
        PackagedServer two = PackagedServer.start("mail-pair-2", properties(Map.of()), environment());
        try {
            String address = configure(one, token);
            int messages = 12;
            for (int i = 0; i < messages; i++) {
                deliver(address, "pair-" + i + ".csv", "name\r\nPair " + i + " A\r\nPair " + i + " B\r\n");
            }
            await(() -> inbox() == 0, one, two);
            await(() -> count("select count(*) from account where organisation = ?", organisation) == 2 * messages,
                    one, two);
            assertEquals(messages, count("select count(*) from intake.email_message where organisation = ?",
                    organisation));
            assertEquals(messages, count("select count(*) from intake.import_batch where organisation = ?",
                    organisation), "one batch per message, whichever server read it");
        } finally {
            one.stop();
            two.stop();
        }
    }

    /** Gives the organisation an address, allows the sender and adds a rule; answers the address. */
    private static String configure(PackagedServer server, String token) {
        String rotated = server.graphql(token, "{\"query\": \"mutation { rotateEmailImportAddress { address } }\"}");
        Matcher address = Pattern.compile("\"address\":\"([^\"]+)\"").matcher(rotated);
        assertTrue(address.find(), rotated);
        String senders = server.graphql(token, "{\"query\": \"mutation { updateEmailImportSettings(input:"
                + " {allowedSenders: [\\\"erp@partner.test\\\"], requireAuthentication: false, replies: false})"
                + " { allowedSenders } }\"}");
        assertTrue(senders.contains("erp@partner.test"), senders);
        String rule = server.graphql(token, "{\"query\": \"mutation { saveEmailImportRule(input: {position: 1,"
                + " filenamePattern: \\\"*.csv\\\", template: \\\"createAccount\\\", dryRun: false}) { rules { id } } }\"}");
        assertTrue(rule.contains("\"rules\""), rule);
        return address.group(1);
    }

    private static void deliver(String to, String filename, String csv) throws Exception {
        mail.getUserManager().getUser("imports").deliver(TestMail.message("erp@partner.test", to, "Export " + filename,
                true, TestMail.attachment(filename, csv.getBytes(StandardCharsets.UTF_8), "text/csv")));
    }

    private static int inbox() {
        try {
            return mail.getManagers().getImapHostManager().getFolder(mail.getUserManager().getUser("imports"),
                    "INBOX").getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, PackagedServer... servers) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        StringBuilder logs = new StringBuilder("Not in time; " + inbox() + " messages left in the inbox");
        for (PackagedServer server : servers) {
            logs.append("\n").append(server.log());
        }
        throw new AssertionError(logs.toString());
    }

    private static long count(String sql, String parameter) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> properties(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("intake.worker.poll-interval", "0.2s",
                "intake.email.host", "127.0.0.1", "intake.email.port", String.valueOf(imap), "intake.email.tls",
                "false", "intake.email.user", "imports", "intake.email.password", "secret", "intake.email.domain",
                "intake.test", "intake.email.poll-interval", "1s"));
        properties.putAll(PackagedServer.trustDevKey());
        properties.putAll(extra);
        return properties;
    }

    private static Map<String, String> environment() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
