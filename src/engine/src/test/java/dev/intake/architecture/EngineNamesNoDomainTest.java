package dev.intake.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Nothing the engine ships names the sample domain: no class, mutation or table of it appears in the engine's
 * sources, templates, scripts or static files, not even in a comment or an example. The names are read from the
 * sample application's own sources and migrations, so a new entity there is covered at once.
 */
class EngineNamesNoDomainTest {

    private static final Path ENGINE = Path.of("src/main");
    private static final Path SAMPLE = Path.of("../sample/src/main");

    @Test
    void no_file_of_the_engine_names_a_class_mutation_or_table_of_the_sample_domain() {
        Set<String> names = sampleNames();
        assertFalse(names.isEmpty(), "the sample's sources were not found at " + SAMPLE.toAbsolutePath());
        List<String> found = new ArrayList<>();
        for (Path file : files(ENGINE)) {
            String text = read(file);
            for (String name : names) {
                Matcher matcher = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text);
                if (matcher.find()) {
                    found.add(ENGINE.relativize(file) + " names " + name);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * The sample's class names (Account, CourseTemplate…), its mutations (createContact…), its tables, and its
     * package. A name that is also a plain English word (Event, Location, event) counts only in a compound of the
     * domain's, such as {@code EventPrice} or {@code event_price}; Account and Contact count on their own.
     */
    private static Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        names.add("training");
        Pattern mutation = Pattern.compile("public \\S+ ((?:create|update|upsert|delete|add|remove)[A-Z]\\w*)\\(");
        Pattern table = Pattern.compile("create table (\\w+)");
        for (Path file : files(SAMPLE)) {
            String text = read(file);
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(".java") && file.toString().contains("/training/")) {
                names.add(fileName.substring(0, fileName.length() - ".java".length()));
                collect(mutation.matcher(text), names);
            }
            if (fileName.endsWith(".sql")) {
                collect(table.matcher(text), names);
            }
        }
        names.removeIf(name -> name.matches("[A-Z]?[a-z]+") && !Set.of("training", "Account", "Contact").contains(name));
        return names;
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
