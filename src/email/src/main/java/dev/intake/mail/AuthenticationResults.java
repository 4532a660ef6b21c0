package dev.intake.mail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Authentication-Results headers (RFC 8601) that the receiving mail server added: a message passes when a
 * header of the trusted server says {@code dmarc=pass}, or {@code spf=pass} for a mail-from domain, or
 * {@code dkim=pass} for a signing domain, aligned with the From domain (strictly: the same domain). Headers
 * of any other server are ignored: anyone can write one into a message.
 */
final class AuthenticationResults {

    private static final Pattern RESULT = Pattern.compile("\\b(dmarc|spf|dkim)\\s*=\\s*(\\w+)([^;]*)");
    private static final Pattern DOMAIN = Pattern.compile(
            "\\b(?:smtp\\.mailfrom|header\\.from|header\\.d|header\\.i)\\s*=\\s*([^\\s;]+)");

    private AuthenticationResults() {
    }

    static boolean passes(List<String> headers, String trustedAuthservId, String fromDomain) {
        if (trustedAuthservId == null || trustedAuthservId.isBlank() || fromDomain.isEmpty()) {
            return false;
        }
        for (String header : headers) {
            String value = header.strip();
            int semicolon = value.indexOf(';');
            String authserv = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().split("\\s+")[0];
            if (!authserv.equalsIgnoreCase(trustedAuthservId.strip())) {
                continue;
            }
            Matcher result = RESULT.matcher(value.toLowerCase(Locale.ROOT));
            while (result.find()) {
                if (!result.group(2).equals("pass")) {
                    continue;
                }
                if (result.group(1).equals("dmarc")) {
                    return true;
                }
                Matcher domain = DOMAIN.matcher(result.group(3));
                while (domain.find()) {
                    if (aligned(SenderRules.domainOf("x@" + domain.group(1).replaceFirst("^.*@", "")), fromDomain)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Strict alignment: the same domain. Relaxed alignment needs the public suffix list, which Intake does not have. */
    private static boolean aligned(String authenticated, String from) {
        return authenticated.equals(from);
    }
}
