package dev.intake.file;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Enum;

/**
 * What happens to a row whose lookup cell matches no record, as a batch's mapping says for each lookup column.
 */
@Enum("IntakeLookupPolicy")
public enum LookupPolicy {
    /** The row fails with a lookup error, as without a mapping. */
    FAIL,
    /** The field is left out of the row, which goes on without it; only for a field that is optional. */
    BLANK,
    /**
     * The referred record is created with the cell's value, through its own create mutation, as the uploader, in
     * the row's transaction; once per distinct value.
     */
    CREATE,
    /** The column's value maps name existing records; a value neither mapped nor matching fails its row. */
    MAP;

    /** How messages name it: {@code lookup policy create}. */
    public String phrase() {
        return "lookup policy " + name().toLowerCase(Locale.ROOT);
    }
}
