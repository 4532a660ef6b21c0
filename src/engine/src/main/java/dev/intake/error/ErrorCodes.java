package dev.intake.error;

import java.util.Locale;

/**
 * The one vocabulary of error codes, shared by REST ({@code error_code}) and GraphQL ({@code extensions.code}):
 * an exception's simple name without {@code Exception}, in kebab case, as SmallRye GraphQL derives it
 * ({@code BatchNotFoundException} becomes {@code batch-not-found}).
 */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    public static String of(Throwable exception) {
        return of(exception.getClass());
    }

    public static String of(Class<?> type) {
        String name = type.getSimpleName().replaceFirst("Exception$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
