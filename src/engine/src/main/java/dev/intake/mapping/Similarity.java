package dev.intake.mapping;

import dev.intake.template.EditDistance;

/**
 * How alike two folded headers are, from 0 to 1: one minus their Levenshtein distance over the longer length
 * ({@code emailadress} and {@code emailaddress} score 0.92); or, when one starts or ends with the other of at
 * least four letters ({@code phonenumber} and {@code phone}), 0.6 and up with the share it covers.
 */
final class Similarity {

    private Similarity() {
    }

    static double of(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double edits = 1.0 - (double) EditDistance.between(a, b) / Math.max(a.length(), b.length());
        boolean aShorter = a.length() <= b.length();
        String shorter = aShorter ? a : b;
        String longer = aShorter ? b : a;
        boolean contained = shorter.length() >= 4 && (longer.startsWith(shorter) || longer.endsWith(shorter));
        double containment = contained ? 0.6 + 0.3 * shorter.length() / longer.length() : 0;
        return Math.max(edits, containment);
    }
}
