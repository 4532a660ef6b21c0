package dev.intake.template;

import java.util.Locale;

/**
 * What a template's rows do to their records, read once from its action: create (also {@code add…}), update,
 * upsert (the mutation's result says which it did), or something else that says neither.
 */
public enum WriteKind {
    CREATE, UPDATE, UPSERT, OTHER;

    /** The kind of an action such as {@code create}, {@code addPrices}, {@code update} or {@code upsert}. */
    public static WriteKind of(String action) {
        String verb = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (verb.startsWith("create") || verb.startsWith("add")) {
            return CREATE;
        }
        if (verb.startsWith("update")) {
            return UPDATE;
        }
        return verb.startsWith("upsert") ? UPSERT : OTHER;
    }
}
