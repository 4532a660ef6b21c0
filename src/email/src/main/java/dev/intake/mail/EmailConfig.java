package dev.intake.mail;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The mailbox email intake reads, and how its addresses and replies look. Off while no host is set. */
@ConfigMapping(prefix = "intake.email")
public interface EmailConfig {

    /** The IMAP server; email intake is off without one. */
    Optional<String> host();

    @WithDefault("993")
    int port();

    /** IMAP over TLS (imaps); false for a plain connection, such as a test server on localhost. */
    @WithDefault("true")
    boolean tls();

    Optional<String> user();

    Optional<String> password();

    /** The folder mail arrives in. */
    @WithDefault("INBOX")
    String folder();

    /** Where mail goes once its batches are stored. */
    @WithDefault("Intake-Processed")
    String processedFolder();

    /** Where refused mail goes. */
    @WithDefault("Intake-Rejected")
    String rejectedFolder();

    /** The domain of the inbound addresses, such as imports.example.com. */
    @WithDefault("localhost")
    String domain();

    /** The local part before the plus: imports+token@domain. */
    @WithDefault("imports")
    String localPart();

    /** How often the mailbox is read. */
    @WithDefault("30s")
    Duration pollInterval();

    /** Whether this instance reads the mailbox on a schedule (tests read it themselves). */
    @WithDefault("true")
    boolean scheduled();

    /** How long a rotated address still works. */
    @WithDefault("7d")
    Duration tokenGracePeriod();

    /**
     * The authserv-id of the receiving mail server whose Authentication-Results headers are trusted, such as
     * mx.example.com; other such headers, which a sender can add, are ignored.
     */
    Optional<String> trustedAuthservId();

    /** The From of replies. */
    @WithDefault("intake@localhost")
    String replyFrom();

    /** Where the console is, for the link in replies. */
    @WithDefault("http://localhost:8080")
    String consoleUrl();

    /** The largest exceptions file attached to a reply, in bytes; a larger one is linked only. */
    @WithDefault("2000000")
    long maxReplyAttachment();

    /**
     * The largest message read, as the mailbox reports its size; a larger one is refused from its headers alone,
     * without reading its body, and answered like any refusal.
     */
    @WithDefault("50M")
    MemorySize maxMessageSize();

    /** Fault injection for tests: a pause between recording a message and moving it. Leave it at 0. */
    @WithDefault("0s")
    Duration moveDelay();

    default boolean enabled() {
        return host().isPresent();
    }
}
