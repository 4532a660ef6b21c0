package dev.intake.mail;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real mail server for the email tests, GreenMail with SMTP and IMAP on free ports: the mailbox Intake reads is the
 * user {@code imports}, and replies go to whatever address they are sent to.
 */
public class MailServer implements QuarkusTestResourceLifecycleManager {

    static GreenMail mail;

    @Override
    public Map<String, String> start() {
        int smtp = freePort();
        int imap = freePort();
        mail = new GreenMail(new ServerSetup[] { new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
        mail.start();
        mail.setUser("imports@intake.test", "imports", "secret");
        return Map.ofEntries(Map.entry("intake.email.host", "127.0.0.1"), Map.entry("intake.email.port",
                String.valueOf(imap)), Map.entry("intake.email.tls", "false"), Map.entry("intake.email.user",
                "imports"), Map.entry("intake.email.password", "secret"), Map.entry("intake.email.scheduled", "false"),
                Map.entry("intake.email.domain", "intake.test"), Map.entry("intake.email.trusted-authserv-id",
                        "mx.intake.test"), Map.entry("intake.email.token-grace-period", "2s"),
                Map.entry("intake.email.reply-from", "intake@intake.test"), Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"), Map.entry("quarkus.mailer.port", String.valueOf(smtp)),
                Map.entry("quarkus.mailer.from", "intake@intake.test"), Map.entry("intake.email.max-message-size",
                        "300K"));
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
