package dev.intake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The packaged server, as the container images copy it ({@code target/quarkus-app}): no class, migration or
 * template of the sample application in any of its jars or folders, and the engine among its libraries.
 */
class ServerPackageIT {

    private static final Path PACKAGE = Path.of("target", "quarkus-app");
    private static final List<String> SAMPLE = List.of("dev/intake/training/", "dev/intake/sample/", "db/training/",
            "templates/DevOidcProvider/");

    @Test
    void no_jar_or_folder_of_the_package_holds_anything_of_the_sample_application() throws IOException {
        assertTrue(Files.isRegularFile(PACKAGE.resolve("quarkus-run.jar")), "the package is built: " + PACKAGE);
        List<String> found = new ArrayList<>();
        boolean engine = false;
        try (Stream<Path> files = Files.walk(PACKAGE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = PACKAGE.relativize(file).toString();
                engine |= file.getFileName().toString().startsWith("dev.intake.intake-engine-");
                if (name.endsWith(".jar")) {
                    found.addAll(sampleEntries(file));
                } else if (isSample(name)) {
                    found.add(name);
                }
            }
        }
        assertEquals(List.of(), found);
        assertTrue(engine, "the engine's jar is among the server's libraries");
    }

    private static List<String> sampleEntries(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (isSample(entry)) {
                    found.add(jar.getFileName() + "!" + entry);
                }
            }
        }
        return found;
    }

    private static boolean isSample(String path) {
        return SAMPLE.stream().anyMatch(path::contains);
    }
}
