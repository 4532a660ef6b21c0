package dev.intake.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.SampleDomainNames;

/**
 * Nothing the engine ships names the sample domain: no class, mutation or table of it appears in the engine's
 * sources, templates, scripts or static files, not even in a comment or an example.
 */
class EngineNamesNoDomainTest {

    private static final Path ENGINE = Path.of("src", "main");

    @Test
    void no_file_of_the_engine_names_a_class_mutation_or_table_of_the_sample_domain() {
        List<String> found = new ArrayList<>();
        for (Path file : SampleDomainNames.files(ENGINE)) {
            if (file.toString().endsWith(".png")) {
                continue;
            }
            String text = SampleDomainNames.read(file);
            for (String name : names()) {
                if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find()) {
                    found.add(ENGINE.relativize(file) + " names " + name);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * The sample's classes, mutations and tables, and its package. A name that is also a plain English word (Event,
     * Location, event) counts only in a compound of the domain's, such as {@code EventPrice} or {@code event_price};
     * Account and Contact count on their own.
     */
    private static Set<String> names() {
        Set<String> names = new TreeSet<>(SampleDomainNames.classes());
        names.addAll(SampleDomainNames.mutations());
        names.addAll(SampleDomainNames.tables());
        names.removeIf(name -> name.matches("[A-Z]?[a-z]+") && !Set.of("Account", "Contact").contains(name));
        names.add("training");
        return names;
    }
}
