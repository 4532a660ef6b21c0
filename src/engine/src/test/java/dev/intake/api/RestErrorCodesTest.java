package dev.intake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.intake.error.ErrorCodes;
import dev.intake.error.UserFacingException;

/**
 * The OpenAPI document lists {@link RestErrorCodes}; this holds the list to the codes the REST layer can answer:
 * those its sources write out, and those derived from the names of user-facing exceptions.
 */
class RestErrorCodesTest {

    /** A code written out where a REST refusal is built. */
    private static final Pattern WRITTEN = Pattern.compile(
            "new (?:ApiException\\([^,]+,|RejectedUploadException\\()\\s*\"([a-z-]+)\"|respond\\([^,]+,\\s*\"([a-z-]+)\"");

    @Test
    void every_code_written_in_the_sources_is_listed() throws IOException {
        Set<String> written = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/intake"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher code = WRITTEN.matcher(Files.readString(source));
                while (code.find()) {
                    written.add(code.group(1) != null ? code.group(1) : code.group(2));
                }
            }
        }
        assertTrue(written.size() > 10, "the sources' codes were found: " + written);
        Set<String> unlisted = new TreeSet<>(written);
        unlisted.removeAll(RestErrorCodes.ALL.keySet());
        assertEquals(Set.of(), unlisted, "codes answered but not in RestErrorCodes");
    }

    @Test
    void every_user_facing_exception_code_is_listed() {
        Set<String> unlisted = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.intake")) {
            // subscriptions are GraphQL's alone: their refusals never answer a REST request
            if (type.isAssignableTo(UserFacingException.class) && !type.getName().equals(UserFacingException.class.getName())
                    && !type.getPackageName().equals("dev.intake.progress")) {
                String code = ErrorCodes.of(type.reflect());
                if (!RestErrorCodes.ALL.containsKey(code)) {
                    unlisted.add(code);
                }
            }
        }
        assertEquals(Set.of(), unlisted, "codes of user-facing exceptions not in RestErrorCodes");
    }

    @Test
    void every_code_says_its_status() {
        RestErrorCodes.ALL.forEach((code, when) -> assertTrue(when.matches("^\\d{3}.*"), code + ": " + when));
    }
}
