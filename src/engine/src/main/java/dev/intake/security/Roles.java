package dev.intake.security;

/** The roles of the import API, as they appear in a token's {@code groups} claim. */
public final class Roles {

    /** Upload, start, cancel and download imports in one's own organisation. */
    public static final String IMPORT_ADMIN = "import-admin";

    /** Read statuses and download files in one's own organisation. */
    public static final String IMPORT_VIEWER = "import-viewer";

    private Roles() {
    }
}
