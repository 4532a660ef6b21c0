package dev.intake.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The engine's migrations are named in code (no class-path scan): every versioned script of the folder is named. */
class EngineScriptsTest {

    @Test
    void every_versioned_script_of_the_folder_is_among_the_engines_migrations() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", EngineScripts.FOLDER))) {
            List<String> versioned = files.map(file -> String.valueOf(file.getFileName()))
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(EngineScriptsTest::version)).toList();
            assertEquals(versioned, EngineSchema.SCRIPTS);
        }
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
