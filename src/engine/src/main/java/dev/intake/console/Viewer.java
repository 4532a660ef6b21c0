package dev.intake.console;

import java.util.List;
import java.util.Set;

import dev.intake.security.Caller;
import dev.intake.security.Roles;

/**
 * Who is looking, and what they may do: pages show the actions a viewer may not use as disabled, with the role
 * they need.
 *
 * @param csrf the session's CSRF token, which every state-changing request from the page carries
 * @param targets whether the server has remote targets, so that an admin's menu offers their page
 * @param sections the pages application modules add to the menu that this viewer may open
 */
public record Viewer(String user, String organisation, boolean admin, String csrf, boolean targets,
        List<ConsoleSection> sections) {

    public Viewer {
        sections = List.copyOf(sections);
    }

    /** The tooltip of an action only an import admin may use. */
    public static final String ADMIN_ONLY = "Needs the " + Roles.IMPORT_ADMIN + " role";

    /**
     * The signed-in user when they may see imports; {@code null} when they have neither import role or their
     * token names no organisation.
     */
    static Viewer of(Caller caller, CsrfToken csrf, boolean targets, List<ConsoleSection> sections) {
        if (!mayLook(caller)) {
            return null;
        }
        boolean admin = caller.roles().contains(Roles.IMPORT_ADMIN);
        return new Viewer(caller.user(), caller.organisation(), admin, csrf.value(), targets,
                sections.stream().filter(section -> admin || !section.adminOnly()).toList());
    }

    static boolean hasImportRole(Caller caller) {
        Set<String> roles = caller.roles();
        return roles.contains(Roles.IMPORT_ADMIN) || roles.contains(Roles.IMPORT_VIEWER);
    }

    private static boolean mayLook(Caller caller) {
        return hasImportRole(caller) && caller.hasOrganisation();
    }

    public String adminOnly() {
        return ADMIN_ONLY;
    }
}
