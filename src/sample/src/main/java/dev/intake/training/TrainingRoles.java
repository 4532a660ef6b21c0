package dev.intake.training;

/** The business roles the sample domain's mutations require, as they appear in a token's groups. */
public final class TrainingRoles {

    public static final String ACCOUNTS_WRITER = "accounts-writer";
    public static final String CONTACTS_WRITER = "contacts-writer";
    public static final String EVENTS_WRITER = "events-writer";

    private TrainingRoles() {
    }
}
