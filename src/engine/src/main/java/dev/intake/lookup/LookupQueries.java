package dev.intake.lookup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

import dev.intake.id.GlobalId;

/**
 * The queries of in-process lookups, on the domain's JPA entities in the current transaction's session: by the lookup's
 * field, by global ID, many values at once, and the lock that serialises the creation of one value's record.
 */
@ApplicationScoped
class LookupQueries {

    @Inject
    EntityManager entityManager;

    private final Map<LookupTarget<?>, Optional<PrefetchSql>> prefetchSql = new ConcurrentHashMap<>();

    /** The keys of up to {@code max} records of the organisation with the value in the lookup's field. */
    List<Long> byField(LookupTarget<?> target, String value, String organisation, int max) {
        return query(target, "e." + target.field() + " = :value", organisation).setParameter("value", value)
                .setMaxResults(max).getResultList();
    }

    /** How many records of the organisation have the value in the lookup's field. */
    long count(LookupTarget<?> target, String value, String organisation) {
        String jpql = "select count(e) from " + target.entityClass().getSimpleName() + " e where e." + target.field()
                + " = :value" + ownedBy(target, organisation);
        TypedQuery<Long> query = entityManager.createQuery(jpql, Long.class).setParameter("value", value);
        return (organisation == null ? query : query.setParameter("organisation", organisation)).getSingleResult();
    }

    /** The record whose global ID the value is, as the fallback when no record has the value in the lookup field. */
    Optional<Long> byId(LookupTarget<?> target, String value, String organisation) {
        return GlobalId.decode(target.idType(), value)
                .filter(id -> !query(target, "e.id = :id", organisation).setParameter("id", id).getResultList().isEmpty());
    }

    /**
     * The keys of the organisation's records by each value they have in the lookup's field, for many values in one
     * statement; where the field is not a single text column, JPQL with an {@code in} list instead. Reads what is
     * committed and does not flush pending writes.
     */
    Map<String, List<Long>> byValues(LookupTarget<?> target, String organisation, Collection<String> values) {
        return prefetchSql(target).map(sql -> bySql(sql, organisation, values))
                .orElseGet(() -> byJpql(target, organisation, values));
    }

    /** Waits until no other transaction is creating this value's record, and keeps others waiting until this ends. */
    void lockCreation(LookupTarget<?> target, String organisation, String value) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "intake-create\u001f" + target.plural() + '\u001f' + organisation + '\u001f' + value)
                .getSingleResult();
    }

    /**
     * Whether the transaction's persistence context manages a loaded record of the class. References not yet
     * loaded (what {@code getReference} gives) do not count: they were neither created nor changed here.
     */
    boolean managesAny(Class<?> entityClass) {
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

    /** The one-statement form of the target's lookups, when its field is a single text column of one table. */
    private Optional<PrefetchSql> prefetchSql(LookupTarget<?> target) {
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
                    : new String[] { null };
            if (value.length != 1 || id.length != 1 || owner.length != 1) {
                return Optional.empty();
            }
            return Optional.of(new PrefetchSql(persister.getTableName(), value[0], id[0], owner[0]));
        });
    }

    private Map<String, List<Long>> bySql(PrefetchSql sql, String organisation, Collection<String> values) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Map<String, List<Long>> matches = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql.statement())) {
                statement.setArray(1, connection.createArrayOf("text", new HashSet<>(values).toArray()));
                if (sql.organisationColumn() != null) {
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

    private Map<String, List<Long>> byJpql(LookupTarget<?> target, String organisation, Collection<String> values) {
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

    private TypedQuery<Long> query(LookupTarget<?> target, String condition, String organisation) {
        String jpql = "select e.id from " + target.entityClass().getSimpleName() + " e where " + condition
                + ownedBy(target, organisation);
        TypedQuery<Long> query = entityManager.createQuery(jpql, Long.class);
        return organisation == null ? query : query.setParameter("organisation", organisation);
    }

    /** The JPQL condition that keeps a query to the organisation's records; none without an organisation. */
    private static String ownedBy(LookupTarget<?> target, String organisation) {
        return organisation == null ? "" : " and e." + target.organisationField() + " = :organisation";
    }
}
