package dev.intake.lookup;

/**
 * What a lookup field refers to.
 *
 * @param entityClass the JPA entity
 * @param singular how messages name one record, such as {@code category}
 * @param plural how messages name several, such as {@code categories}
 * @param field the entity field a cell is matched on, such as {@code name}
 * @param idType the type inside the record's global ID, such as {@code Category}
 * @param organisationField the entity field that holds the organisation a record belongs to, such as
 *        {@code organisation}; {@code null} for reference data that every organisation shares, such as currencies
 */
public record LookupTarget<T>(Class<T> entityClass, String singular, String plural, String field, String idType,
        String organisationField) {

    /** Whether records belong to organisations, so that a lookup finds only the caller's. */
    public boolean perOrganisation() {
        return organisationField != null;
    }
}
