package dev.intake.lookup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

import dev.intake.error.LookupFailedException;
import dev.intake.file.Values;
import dev.intake.id.GlobalId;
import dev.intake.security.Caller;
import dev.intake.target.LookupResolver;
import dev.intake.template.LookupField;

/**
 * Resolves a lookup value to a record of the caller's organisation: first an exact match on the lookup's field,
 * then the value as the record's global ID. No match, or more than one, fails with a lookup error.
 * <p>
 * Resolutions are cached for the current transaction only, so a thousand rows of one import chunk naming the
 * same category cost one query, and a rolled-back transaction takes its answers with it. A record written
 * earlier in the same transaction is found: the query flushes pending writes to its table first.
 */
@ApplicationScoped
public class Lookups implements LookupResolver {

    private static final String CACHE = Lookups.class.getName();

    @Inject
    EntityManager entityManager;

    @Inject
    Caller caller;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Instance<LookupCatalogue> catalogues;

    /**
     * Cached for a value the prefetch found no record for: a row naming it then skips the query by name, unless the
     * transaction holds records of the type, one of which may have been created or renamed to it since.
     */
    private static final long ABSENT = Long.MIN_VALUE;

    private final Map<LookupTarget<?>, Optional<String>> prefetchSql = new ConcurrentHashMap<>();

    /** The ID of the record the value refers to; {@code inputField} is the reference named in errors. */
    public long id(LookupTarget<?> target, String inputField, String value) {
        String organisation = target.perOrganisation() ? caller.organisation() : null;
        return find(target, inputField, value, organisation).orElseThrow(() -> new LookupFailedException(inputField,
                "No " + target.singular() + " has the " + target.field() + " '" + Values.shorten(value)
                        + "' or that ID"));
    }

    /**
     * Whether the value refers to a record of the organisation, as {@link #id} would resolve it, for the import
     * engine's lookup policies: false when no record matches, and a lookup error when several do.
     */
    @Override
    public boolean matches(LookupField lookup, String organisation, String inputField, String value) {
        Optional<LookupTarget<?>> found = target(lookup);
        if (found.isEmpty()) {
            return true;
        }
        LookupTarget<?> target = found.get();
        return find(target, inputField, value, target.perOrganisation() ? organisation : null).isPresent();
    }

    /**
     * Serialises the creation of one value's record across transactions, for the import engine's {@code create}
     * policy: takes a transaction-scoped advisory lock on the value, then looks for the record afresh, so a record
     * another transaction created and committed meanwhile is found instead of created twice. True when it exists.
     */
    @Override
    public boolean lockAndMatch(LookupField lookup, String organisation, String inputField, String value) {
        Optional<LookupTarget<?>> found = target(lookup);
        if (found.isEmpty()) {
            return true;
        }
        LookupTarget<?> target = found.get();
        String scope = target.perOrganisation() ? organisation : null;
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "intake-create\u001f" + target.plural() + '\u001f' + scope + '\u001f' + value)
                .getSingleResult();
        Optional<Long> id = resolve(target, inputField, value, scope);
        Map<String, Long> cache = cache();
        if (cache != null && id.isPresent()) {
            cache.put(key(target, scope, value), id.get());
        }
        return id.isPresent();
    }

    private Optional<Long> find(LookupTarget<?> target, String inputField, String value, String organisation) {
        String key = key(target, organisation, value);
        Map<String, Long> cache = cache();
        Long cached = cache == null ? null : cache.get(key);
        if (cached != null && cached != ABSENT) {
            return Optional.of(cached);
        }
        boolean absentAtStart = cached != null;
        Optional<Long> id = absentAtStart && !managesAny(target.entityClass())
                ? byId(target, value, organisation)
                : resolve(target, inputField, value, organisation);
        if (cache != null && id.isPresent()) {
            cache.put(key, id.get());
        }
        return id;
    }

    /**
     * The values that match no record of the organisation by the lookup's field, nor are a record's global ID: what
     * the mapping step lists for a person to map, create or leave out. Reads what is committed.
     */
    @Override
    public Set<String> unmatched(LookupField lookup, String organisation, Collection<String> values) {
        Optional<LookupTarget<?>> found = target(lookup);
        if (found.isEmpty() || values.isEmpty()) {
            return Set.of();
        }
        LookupTarget<?> target = found.get();
        String scope = target.perOrganisation() ? organisation : null;
        Map<String, List<Long>> matches = prefetchSql(target)
                .map(sql -> matchesBySql(sql, scope, values))
                .orElseGet(() -> matchesByJpql(target, scope, values));
        Set<String> unmatched = new LinkedHashSet<>();
        for (String value : values) {
            if (!matches.containsKey(value) && byId(target, value, scope).isEmpty()) {
                unmatched.add(value);
            }
        }
        return unmatched;
    }

    /**
     * Resolves many values of one lookup at once, as the import engine does for a chunk before its rows run: each
     * value that matches exactly one record by the lookup's field is cached for the rest of the transaction, so the
     * rows that name it cost no query. Other values are left for the rows to resolve (and fail) one by one. Does
     * nothing outside a transaction, or for a lookup no catalogue knows. Call it before the transaction writes: it
     * reads what is committed and does not flush pending writes.
     */
    @Override
    public void prefetch(LookupField lookup, String organisation, Collection<String> values) {
        Map<String, Long> cache = cache();
        Optional<LookupTarget<?>> found = target(lookup);
        if (cache == null || found.isEmpty() || values.isEmpty()) {
            return;
        }
        LookupTarget<?> target = found.get();
        String scope = target.perOrganisation() ? organisation : null;
        Map<String, List<Long>> matches = prefetchSql(target)
                .map(sql -> matchesBySql(sql, scope, values))
                .orElseGet(() -> matchesByJpql(target, scope, values));
        matches.forEach((value, ids) -> {
            if (ids.size() == 1) {
                cache.put(key(target, scope, value), ids.get(0));
            }
        });
        for (String value : values) {
            if (!matches.containsKey(value)) {
                cache.put(key(target, scope, value), ABSENT);
            }
        }
    }

    /**
     * One statement for any number of values ({@code = any(?)} over an array), so it is prepared once per
     * connection; where the lookup field is not a single text column, JPQL with an {@code in} list instead.
     */
    private Optional<String> prefetchSql(LookupTarget<?> target) {
        return prefetchSql.computeIfAbsent(target, key -> {
            SessionFactoryImplementor factory = entityManager.getEntityManagerFactory()
                    .unwrap(SessionFactoryImplementor.class);
            if (!(factory.getMappingMetamodel().getEntityDescriptor(key.entityClass()) instanceof AbstractEntityPersister persister)
                    || persister.getPropertyType(key.field()).getReturnedClass() != String.class) {
                return Optional.empty();
            }
            String[] value = persister.getPropertyColumnNames(key.field());
            String[] id = persister.getIdentifierColumnNames();
            String[] owner = key.perOrganisation() ? persister.getPropertyColumnNames(key.organisationField())
                    : new String[] { "" };
            if (value.length != 1 || id.length != 1 || owner.length != 1) {
                return Optional.empty();
            }
            return Optional.of("select " + value[0] + ", " + id[0] + " from " + persister.getTableName() + " where "
                    + value[0] + " = any (?)" + (key.perOrganisation() ? " and " + owner[0] + " = ?" : ""));
        });
    }

    private Map<String, List<Long>> matchesBySql(String sql, String organisation, Collection<String> values) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Map<String, List<Long>> matches = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("text", new HashSet<>(values).toArray()));
                if (organisation != null) {
                    statement.setString(2, organisation);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        matches.computeIfAbsent(rows.getString(1), value -> new ArrayList<>()).add(rows.getLong(2));
                    }
                }
            }
            return matches;
        });
    }

    private Map<String, List<Long>> matchesByJpql(LookupTarget<?> target, String organisation, Collection<String> values) {
        String jpql = "select e." + target.field() + ", e.id from " + target.entityClass().getSimpleName() + " e where e."
                + target.field() + " in :values" + ownedBy(target, organisation);
        TypedQuery<Object[]> query = entityManager.createQuery(jpql, Object[].class)
                .setParameter("values", new HashSet<>(values));
        if (organisation != null) {
            query.setParameter("organisation", organisation);
        }
        Map<String, List<Long>> matches = new HashMap<>();
        for (Object[] row : query.getResultList()) {
            matches.computeIfAbsent(String.valueOf(row[0]), value -> new ArrayList<>()).add((Long) row[1]);
        }
        return matches;
    }

    @Override
    public Optional<LookupNouns> nouns(LookupField lookup) {
        return target(lookup).map(target -> new LookupNouns(target.singular(), target.idType()));
    }

    /** What a lookup directive's entity and field refer to, if a catalogue knows it. */
    private Optional<LookupTarget<?>> target(LookupField lookup) {
        return catalogues.stream().flatMap(catalogue -> catalogue.targets().stream())
                .filter(target -> target.plural().equals(lookup.entity()) && target.field().equals(lookup.field()))
                .findFirst();
    }

    private static String key(LookupTarget<?> target, String organisation, String value) {
        return target.plural() + '\u0000' + organisation + '\u0000' + value;
    }

    private Optional<Long> resolve(LookupTarget<?> target, String inputField, String value, String organisation) {
        List<Long> matches = query(target, "e." + target.field() + " = :value", organisation)
                .setParameter("value", value).setMaxResults(2).getResultList();
        if (matches.size() == 1) {
            return Optional.of(matches.get(0));
        }
        if (matches.size() > 1) {
            long count = count(target, value, organisation);
            throw new LookupFailedException(inputField, count + " " + target.plural() + " have the " + target.field()
                    + " '" + Values.shorten(value) + "'; give the ID of the one you mean");
        }
        return byId(target, value, organisation);
    }

    /** The record whose global ID the value is, as the fallback when no record has the value in the lookup field. */
    private Optional<Long> byId(LookupTarget<?> target, String value, String organisation) {
        return GlobalId.decode(target.idType(), value)
                .filter(id -> !query(target, "e.id = :id", organisation).setParameter("id", id).getResultList().isEmpty());
    }

    /**
     * Whether the transaction's persistence context manages a loaded record of the class. References not yet
     * loaded (what {@code getReference} gives) do not count: they were neither created nor changed here.
     */
    private boolean managesAny(Class<?> entityClass) {
        PersistenceContext context = entityManager.unwrap(SessionImplementor.class).getPersistenceContextInternal();
        // The holders' map, read in place: the context's array of entries is a copy of every entry, and an import's
        // context holds a chunk's records. Copying them for each row naming a missing value was 1.9% of a create's
        // worker samples; reading them in place is 1.0%.
        Map<EntityKey, EntityHolder> holders = context.getEntityHoldersByKey();
        if (holders == null) {
            return false;
        }
        for (EntityHolder holder : holders.values()) {
            Object entity = holder.getEntity();
            if (entity != null && entityClass.isAssignableFrom(holder.getDescriptor().getMappedClass())
                    && Hibernate.isInitialized(entity)) {
                return true;
            }
        }
        return false;
    }

    private TypedQuery<Long> query(LookupTarget<?> target, String condition, String organisation) {
        String jpql = "select e.id from " + target.entityClass().getSimpleName() + " e where " + condition
                + ownedBy(target, organisation);
        TypedQuery<Long> query = entityManager.createQuery(jpql, Long.class);
        return organisation == null ? query : query.setParameter("organisation", organisation);
    }

    private long count(LookupTarget<?> target, String value, String organisation) {
        String jpql = "select count(e) from " + target.entityClass().getSimpleName() + " e where e." + target.field()
                + " = :value" + ownedBy(target, organisation);
        TypedQuery<Long> query = entityManager.createQuery(jpql, Long.class).setParameter("value", value);
        return (organisation == null ? query : query.setParameter("organisation", organisation)).getSingleResult();
    }

    /** The JPQL condition that keeps a query to the organisation's records; none without an organisation. */
    private static String ownedBy(LookupTarget<?> target, String organisation) {
        return organisation == null ? "" : " and e." + target.organisationField() + " = :organisation";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> cache() {
        if (transactions.getTransactionKey() == null) {
            return null;
        }
        Map<String, Long> cache = (Map<String, Long>) transactions.getResource(CACHE);
        if (cache == null) {
            cache = new HashMap<>();
            transactions.putResource(CACHE, cache);
        }
        return cache;
    }
}
