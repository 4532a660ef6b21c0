package dev.intake.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.intake.error.ConflictException;
import dev.intake.error.UserFacingException;

/**
 * A user-facing exception is told from a bug, and its field read, also when its class comes from another class loader
 * than the error extension providers' (an application started again in the same JVM).
 */
class UserFacingErrorsTest {

    @Test
    void a_user_facing_exception_answers_the_caller_with_its_field_and_anything_else_is_a_bug() {
        ConflictException conflict = new ConflictException("input/emailAddress", "taken");
        assertTrue(UserFacingErrors.answers(conflict));
        assertTrue(UserFacingErrors.answers(new SecurityException("no")));
        assertEquals(Json.createValue("input/emailAddress"), new ErrorFieldExtension().mapValueFrom(conflict));

        assertFalse(UserFacingErrors.answers(new IllegalStateException("bug")));
        assertEquals(JsonValue.NULL, new ErrorFieldExtension().mapValueFrom(new IllegalStateException("bug")));
        assertNull(UserFacingErrors.field(new ConflictException(null, "no field")));
    }

    @Test
    void a_user_facing_exception_of_another_class_loader_still_answers_the_caller_with_its_field() throws Exception {
        URL engine = UserFacingException.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader restarted = new URLClassLoader(new URL[] {engine}, null)) {
            Throwable conflict = (Throwable) restarted.loadClass(ConflictException.class.getName())
                    .getConstructor(String.class, String.class).newInstance("input/emailAddress", "taken");
            assertFalse(conflict instanceof UserFacingException, "the exception's class is another loader's");

            assertTrue(UserFacingErrors.answers(conflict));
            assertEquals(Json.createValue("input/emailAddress"), new ErrorFieldExtension().mapValueFrom(conflict));
        }
    }
}
