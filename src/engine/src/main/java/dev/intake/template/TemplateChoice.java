package dev.intake.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the schema's templates the application offers: those {@code include} names (all when it names none),
 * less those {@code exclude} names. Names are mutation names, matched exactly.
 */
record TemplateChoice(Optional<List<String>> include, Optional<List<String>> exclude) {

    List<ImportTemplate> apply(List<ImportTemplate> templates) {
        return templates.stream()
                .filter(template -> include.map(names -> names.contains(template.name())).orElse(true))
                .filter(template -> exclude.map(names -> !names.contains(template.name())).orElse(true))
                .toList();
    }

    /** A line for each chosen name that no template of the schema has, most likely a misspelt one. */
    List<String> unknownNames(List<ImportTemplate> templates) {
        Set<String> known = templates.stream().map(ImportTemplate::name).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        include.ifPresent(names -> unknown(names, known, "intake.templates.include", problems));
        exclude.ifPresent(names -> unknown(names, known, "intake.templates.exclude", problems));
        return problems;
    }

    private static void unknown(List<String> names, Set<String> known, String setting, List<String> problems) {
        for (String name : names) {
            if (!known.contains(name)) {
                problems.add(setting + " names '" + name + "', but no mutation of the schema that takes an input object "
                        + "has that name; templates: " + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }
}
