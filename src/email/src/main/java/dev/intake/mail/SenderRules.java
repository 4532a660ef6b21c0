package dev.intake.mail;

import java.util.List;
import java.util.Locale;

/** Whether a sender is allowed: an address given exactly, or {@code @domain} for every address of a domain. */
final class SenderRules {

    private SenderRules() {
    }

    /** An empty list allows nobody. */
    static boolean allowed(String sender, List<String> patterns) {
        if (sender == null || sender.isBlank()) {
            return false;
        }
        String address = sender.strip().toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            String rule = pattern.strip().toLowerCase(Locale.ROOT);
            if (rule.startsWith("@") ? address.endsWith(rule) : address.equals(rule)) {
                return true;
            }
        }
        return false;
    }

    /** The domain of an address, lower case; empty when it has none. */
    static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}
