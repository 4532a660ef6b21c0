package dev.intake.lookup;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.error.LookupFailedException;
import dev.intake.file.Values;
import dev.intake.security.Caller;
import dev.intake.target.LookupResolver;
import dev.intake.template.LookupField;

/**
 * Resolves a lookup value to a record of the caller's organisation: first an exact match on the lookup's field, then
 * the value as the record's global ID. No match, or more than one, fails with a lookup error.
 * <p>
 * Its callers are the domain's mutations ({@link #id}), for a row as for an API call, and the engine (the
 * {@link LookupResolver} methods), before a chunk's rows run, for the lookup policies, and for the mapping step.
 * Resolutions are kept for the transaction ({@link LookupCache}); a record written earlier in the same transaction is
 * found, as the query flushes pending writes to its table first.
 */
@ApplicationScoped
public class Lookups implements LookupResolver {

    @Inject
    Caller caller;

    @Inject
    LookupCatalogues catalogues;

    @Inject
    LookupQueries queries;

    @Inject
    LookupCache cache;

    /** The ID of the record the value refers to; {@code inputField} is the reference named in errors. */
    public long id(LookupTarget<?> target, String inputField, String value) {
        String organisation = target.perOrganisation() ? caller.organisation() : null;
        return find(target, inputField, value, organisation).orElseThrow(() -> new LookupFailedException(inputField,
                "No " + target.singular() + " has the " + target.field() + " '" + Values.shorten(value)
                        + "' or that ID"));
    }

    @Override
    public Optional<LookupNouns> nouns(LookupField lookup) {
        return catalogues.target(lookup).map(target -> new LookupNouns(target.singular(), target.idType()));
    }

    /**
     * Whether the value refers to a record of the organisation, as {@link #id} would resolve it, for the import
     * engine's lookup policies: false when no record matches, and a lookup error when several do.
     */
    @Override
    public boolean matches(LookupField lookup, String organisation, String inputField, String value) {
        Optional<LookupTarget<?>> found = catalogues.target(lookup);
        if (found.isEmpty()) {
            return true;
        }
        LookupTarget<?> target = found.get();
        return find(target, inputField, value, scope(target, organisation)).isPresent();
    }

    /**
     * Serialises the creation of one value's record across transactions, for the import engine's {@code create}
     * policy: takes a transaction-scoped advisory lock on the value, then looks for the record afresh, so a record
     * another transaction created and committed meanwhile is found instead of created twice. True when it exists.
     */
    @Override
    public boolean lockAndMatch(LookupField lookup, String organisation, String inputField, String value) {
        Optional<LookupTarget<?>> found = catalogues.target(lookup);
        if (found.isEmpty()) {
            return true;
        }
        LookupTarget<?> target = found.get();
        String scope = scope(target, organisation);
        queries.lockCreation(target, scope, value);
        Optional<Long> id = resolve(target, inputField, value, scope);
        id.ifPresent(known -> cache.current().ifPresent(answers -> answers.found(target, scope, value, known)));
        return id.isPresent();
    }

    /**
     * The values that match no record of the organisation by the lookup's field, nor are a record's global ID: what
     * the mapping step lists for a person to map, create or leave out. Reads what is committed.
     */
    @Override
    public Set<String> unmatched(LookupField lookup, String organisation, Collection<String> values) {
        Optional<LookupTarget<?>> found = catalogues.target(lookup);
        if (found.isEmpty() || values.isEmpty()) {
            return Set.of();
        }
        LookupTarget<?> target = found.get();
        String scope = scope(target, organisation);
        Map<String, List<Long>> matches = queries.byValues(target, scope, values);
        Set<String> unmatched = new LinkedHashSet<>();
        for (String value : values) {
            if (!matches.containsKey(value) && queries.byId(target, value, scope).isEmpty()) {
                unmatched.add(value);
            }
        }
        return unmatched;
    }

    /**
     * Resolves many values of one lookup at once, as the import engine does for a chunk before its rows run: each
     * value that matches exactly one record by the lookup's field is kept for the rest of the transaction, so the
     * rows that name it cost no query. Other values are left for the rows to resolve (and fail) one by one. Does
     * nothing outside a transaction, or for a lookup no catalogue knows. Call it before the transaction writes: it
     * reads what is committed and does not flush pending writes.
     */
    @Override
    public void prefetch(LookupField lookup, String organisation, Collection<String> values) {
        Optional<LookupCache.LookupAnswers> answers = cache.current();
        Optional<LookupTarget<?>> found = catalogues.target(lookup);
        if (answers.isEmpty() || found.isEmpty() || values.isEmpty()) {
            return;
        }
        LookupTarget<?> target = found.get();
        String scope = scope(target, organisation);
        Map<String, List<Long>> matches = queries.byValues(target, scope, values);
        matches.forEach((value, ids) -> {
            if (ids.size() == 1) {
                answers.get().found(target, scope, value, ids.get(0));
            }
        });
        for (String value : values) {
            if (!matches.containsKey(value)) {
                answers.get().absent(target, scope, value);
            }
        }
    }

    private Optional<Long> find(LookupTarget<?> target, String inputField, String value, String organisation) {
        Optional<LookupCache.LookupAnswers> answers = cache.current();
        Optional<Long> known = answers.flatMap(cached -> cached.id(target, organisation, value));
        if (known.isPresent()) {
            return known;
        }
        boolean absentAtStart = answers.map(cached -> cached.knownAbsent(target, organisation, value)).orElse(false);
        Optional<Long> id = absentAtStart && !queries.managesAny(target.entityClass())
                ? queries.byId(target, value, organisation)
                : resolve(target, inputField, value, organisation);
        id.ifPresent(found -> answers.ifPresent(cached -> cached.found(target, organisation, value, found)));
        return id;
    }

    private Optional<Long> resolve(LookupTarget<?> target, String inputField, String value, String organisation) {
        List<Long> matches = queries.byField(target, value, organisation, 2);
        if (matches.size() == 1) {
            return Optional.of(matches.get(0));
        }
        if (matches.size() > 1) {
            long count = queries.count(target, value, organisation);
            throw new LookupFailedException(inputField, count + " " + target.plural() + " have the " + target.field()
                    + " '" + Values.shorten(value) + "'; give the ID of the one you mean");
        }
        return queries.byId(target, value, organisation);
    }

    /** The organisation a lookup is kept to: none for reference data that every organisation shares. */
    private static String scope(LookupTarget<?> target, String organisation) {
        return target.perOrganisation() ? organisation : null;
    }
}
