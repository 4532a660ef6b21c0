package dev.intake.remote;

import java.util.List;
import java.util.Map;

import dev.intake.template.UndoDeclaration;

/**
 * What a target's schema cannot say through introspection, read from its overlay file. Schema elements are named by
 * schema coordinates: {@code CreatePersonInput.companyId} for an input field, {@code createPerson} for a mutation.
 * Each entry keeps the line it was written on, for error messages.
 *
 * @param mutations per mutation: whether it is importable, its entity and action, where its answer holds the ID and
 *        the input errors
 * @param lookups per input field: the query that finds a record's ID by the cell's value
 * @param aliases per input field: other headers the mapping step recognises
 * @param scalars per custom scalar: the column type (Text when not given)
 */
record Overlay(Map<String, MutationRule> mutations, Map<String, LookupRule> lookups, Map<String, AliasRule> aliases,
        Map<String, ScalarRule> scalars) {

    static final Overlay EMPTY = new Overlay(Map.of(), Map.of(), Map.of(), Map.of());

    Overlay {
        mutations = Map.copyOf(mutations);
        lookups = Map.copyOf(lookups);
        aliases = Map.copyOf(aliases);
        scalars = Map.copyOf(scalars);
    }

    /**
     * @param importable {@code null} when not said: importable when it takes an input object
     * @param idPath the path to the record's ID inside the mutation's field, such as {@code person.id}
     * @param userErrorsPath the path to the list of input errors inside the mutation's field, such as {@code userErrors}
     * @param idempotencyKey where the target honours an idempotency key for this mutation (a header, an argument or
     *        a directive), or {@code null}: a row whose answer was lost is then sent again with the same key
     * @param find a query that finds the record a row made by its natural key, {@code $value}, and selects its
     *        {@code id}; or {@code null}: a row whose answer was lost is then looked up after the settle time
     * @param findBy the template reference whose value is the natural key, such as {@code input/email}
     * @param undo how its rows are undone ({@code undo}, {@code restore}, {@code read}, {@code clear}), as
     *        {@code @importAction} declares it in an application's own schema
     */
    record MutationRule(int line, Boolean importable, String entity, String action, String idPath,
            String userErrorsPath, IdempotencyKey idempotencyKey, String find, String findBy, UndoDeclaration undo) {

        MutationRule(int line, Boolean importable, String entity, String action, String idPath,
                String userErrorsPath) {
            this(line, importable, entity, action, idPath, userErrorsPath, null, null, null, UndoDeclaration.NONE);
        }
    }

    /**
     * @param entity the name of what is looked up, as a template's {@code lookup(entity, field)} shows it
     * @param field the field of the record the cell's value is compared with
     * @param query a selection on the query type that uses {@code $value} (one value) or {@code $values} (a list of
     *        them) and selects the records' {@code id}, and with {@code $values} the field too
     * @param create a mutation field that creates a record from {@code $value} and selects its {@code id}, for the
     *        lookup policy {@code create}; {@code null} when the overlay gives none
     */
    record LookupRule(int line, String entity, String field, String query, String create) {

        LookupRule(int line, String entity, String field, String query) {
            this(line, entity, field, query, null);
        }

        boolean manyAtOnce() {
            return query.contains("$values");
        }
    }

    record AliasRule(int line, List<String> names) {
        AliasRule {
            names = List.copyOf(names);
        }
    }

    record ScalarRule(int line, String columnType) {
    }
}
