package dev.intake.graphql;

import java.lang.reflect.InvocationTargetException;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;

import dev.intake.error.UserFacingException;

/**
 * Tells the exceptions behind GraphQL errors that answer a caller from the ones that are bugs, for the error extension
 * providers. SmallRye keeps the providers it loaded in a static field. When that field outlives a start of the
 * application in the same JVM (one test profile after another), the provider's classes come from one class loader and
 * the thrown exception's from another, and {@code instanceof} says no for a {@link UserFacingException}. So the classes
 * are recognised by name, theirs and their superclasses'.
 */
final class UserFacingErrors {

    private static final Set<String> USER_FACING = Set.of(UserFacingException.class.getName());

    private static final Set<String> ANSWERS = Set.of(UserFacingException.class.getName(),
            SecurityException.class.getName(), ConstraintViolationException.class.getName());

    private UserFacingErrors() {
    }

    /** Whether the exception answers the caller (a user-facing, security or validation failure) rather than a bug. */
    static boolean answers(Throwable exception) {
        return is(exception, ANSWERS);
    }

    /** The input field a user-facing exception is about; {@code null} for any other exception or none. */
    static String field(Throwable exception) {
        if (exception instanceof UserFacingException userFacing) {
            return userFacing.field();
        }
        if (!is(exception, USER_FACING)) {
            return null;
        }
        try {
            Object field = exception.getClass().getMethod("field").invoke(exception);
            return field instanceof String text ? text : null;
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static boolean is(Throwable exception, Set<String> names) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            if (names.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
