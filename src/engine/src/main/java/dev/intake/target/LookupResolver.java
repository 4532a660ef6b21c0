package dev.intake.target;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import dev.intake.template.LookupField;

/**
 * Resolves lookup values to records of an organisation for the engine: a chunk's values before its rows run, one
 * query per column; the values of a file waiting for its mapping; and the values the lookup policies act on. A row's
 * own mutation resolves its cell as an API call would.
 */
public interface LookupResolver {

    /** How messages name the records a lookup refers to; empty when the target does not know the lookup. */
    Optional<LookupNouns> nouns(LookupField lookup);

    /**
     * Resolves many values of a lookup at once, so that the rows naming them need no query of their own. Reads what
     * is committed; values that match no record, or several, are left for the rows to resolve (and fail).
     */
    void prefetch(LookupField lookup, String organisation, Collection<String> values);

    /**
     * Whether the value names a record of the organisation, as the row's mutation would resolve it: false when none
     * matches, and a lookup error when several do.
     */
    boolean matches(LookupField lookup, String organisation, String inputField, String value);

    /**
     * For a record about to be created from the value: waits until no other transaction is creating the same one, then
     * whether it exists, so that it is created once.
     */
    boolean lockAndMatch(LookupField lookup, String organisation, String inputField, String value);

    /** The values that name no record of the organisation; what the mapping step lists for a person to map. */
    Set<String> unmatched(LookupField lookup, String organisation, Collection<String> values);

    /**
     * How messages name a lookup's records.
     *
     * @param singular one record, such as {@code category}
     * @param recordType the type in its records' IDs, such as {@code Category}
     */
    record LookupNouns(String singular, String recordType) {
    }
}
