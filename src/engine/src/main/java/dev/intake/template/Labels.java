package dev.intake.template;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns field names into the labels of template row 1: {@code emailAddress} becomes {@code Email Address}. */
public final class Labels {

    private static final Set<String> ACRONYMS = Set.of("id", "url", "uri", "iso", "vat", "sku", "ip");

    private Labels() {
    }

    public static String of(List<String> fieldNames) {
        return fieldNames.stream().map(Labels::ofField).collect(Collectors.joining(" "));
    }

    static String ofField(String name) {
        return List.of(name.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[a-z])(?=[0-9])|_|-")).stream()
                .filter(word -> !word.isEmpty())
                .map(Labels::capitalise)
                .collect(Collectors.joining(" "));
    }

    private static String capitalise(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (ACRONYMS.contains(lower)) {
            return lower.toUpperCase(Locale.ROOT);
        }
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
