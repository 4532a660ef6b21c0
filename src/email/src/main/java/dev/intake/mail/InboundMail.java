package dev.intake.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * A message as email intake reads it, parsed from its raw bytes: who sent it and to which addresses, its subject,
 * Message-ID and date, the Authentication-Results headers, and its attachments of a format Intake imports.
 */
record InboundMail(String sender, List<String> recipients, String subject, String messageId, Instant receivedAt,
        List<String> authenticationResults, List<Attachment> attachments) {

    /** The file name endings of attachments that are imported; other attachments (a signature's logo) are left. */
    static final List<String> IMPORTABLE = List.of(".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ndjson", ".jsonl");

    record Attachment(String filename, byte[] bytes) {
    }

    static InboundMail parse(byte[] raw, Instant received) throws IOException {
        return parse(raw, received, true);
    }

    /** A message read from its header alone, as for one too large to fetch: it has no attachments. */
    static InboundMail parseHeader(byte[] header, Instant received) throws IOException {
        return parse(header, received, false);
    }

    private static InboundMail parse(byte[] raw, Instant received, boolean withBody) throws IOException {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            Address[] from = message.getFrom();
            String sender = from == null || from.length == 0 ? null
                    : from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
            List<String> recipients = new ArrayList<>();
            Address[] all = message.getAllRecipients();
            for (Address address : all == null ? new Address[0] : all) {
                recipients.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
            }
            String[] delivered = message.getHeader("Delivered-To");
            if (delivered != null) {
                recipients.addAll(Arrays.asList(delivered));
            }
            String[] results = message.getHeader("Authentication-Results");
            List<Attachment> attachments = new ArrayList<>();
            if (withBody) {
                collect(message, attachments);
            }
            return new InboundMail(sender, recipients, message.getSubject(), message.getMessageID(),
                    received, results == null ? List.of()
                            : List.of(results), attachments);
        } catch (MessagingException e) {
            throw new IOException("The message could not be read: " + e.getMessage(), e);
        }
    }

    private static void collect(Part part, List<Attachment> attachments) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, attachments);
            }
            return;
        }
        String name = part.getFileName();
        if (name == null) {
            return;
        }
        String filename = MimeUtility.decodeText(name);
        String lower = filename.toLowerCase(Locale.ROOT);
        if (IMPORTABLE.stream().anyMatch(lower::endsWith)) {
            try (InputStream in = part.getInputStream()) {
                attachments.add(new Attachment(filename, in.readAllBytes()));
            }
        }
    }
}
