package dev.intake.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which rule chooses an attachment's template: the first, in order, whose file name pattern (a glob such as
 * {@code orders-*.csv}, any case) matches the attachment's name and whose subject pattern the subject contains (any
 * case). A pattern left empty matches everything.
 */
final class RuleMatch {

    private RuleMatch() {
    }

    static Optional<MailStore.Rule> first(List<MailStore.Rule> rules, String filename, String subject) {
        return rules.stream().filter(rule -> matches(rule, filename, subject)).findFirst();
    }

    static boolean matches(MailStore.Rule rule, String filename, String subject) {
        return (blank(rule.filenamePattern()) || glob(rule.filenamePattern()).matcher(filename).matches())
                && (blank(rule.subjectPattern()) || (subject != null && subject.toLowerCase(Locale.ROOT)
                        .contains(rule.subjectPattern().strip().toLowerCase(Locale.ROOT))));
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.strip().toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
