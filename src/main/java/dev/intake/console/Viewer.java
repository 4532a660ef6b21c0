package dev.intake.console;

import java.util.Set;

import dev.intake.security.Caller;
import dev.intake.security.Roles;

/**
 * Who is looking, and what they may do: pages show the actions a viewer may not use as disabled, with the role
 * they need.
 *
 * @param csrf the session's CSRF token, which every state-changing request from the page carries
 */
public record Viewer(String user, String organisation, boolean admin, String csrf) {

    /** The tooltip of an action only an import admin may use. */
    public static final String ADMIN_ONLY = "Needs the " + Roles.IMPORT_ADMIN + " role";

    /** The signed-in user when they may see imports; {@code null} when they have neither import role. */
    static Viewer of(Caller caller, CsrfToken csrf) {
        Set<String> roles = caller.roles();
        if (!roles.contains(Roles.IMPORT_ADMIN) && !roles.contains(Roles.IMPORT_VIEWER)) {
            return null;
        }
        return new Viewer(caller.user(), caller.organisation(), roles.contains(Roles.IMPORT_ADMIN), csrf.value());
    }

    public String adminOnly() {
        return ADMIN_ONLY;
    }
}
