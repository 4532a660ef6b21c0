package dev.intake.console;

/**
 * A page an application module adds to the console, such as the email intake's settings: a CDI bean of this type puts
 * a link in the console's menu. The module serves the page itself, under {@code /console/}, through
 * {@link ConsoleViewers}, and its template includes {@code intake/layout} with {@code nav} set to {@link #nav()}.
 */
public interface ConsoleSection {

    /** The name the page gives the layout as {@code nav}, which marks its link as the current page. */
    String nav();

    /** The page's path, under {@code /console/}. */
    String path();

    /** The link's text. */
    String label();

    /** Whether only import admins see the link. */
    default boolean adminOnly() {
        return true;
    }
}
