package dev.intake.lookup;

/**
 * What a lookup field refers to.
 *
 * @param entityClass the JPA entity
 * @param singular how messages name one record, such as {@code category}
 * @param plural how messages name several, such as {@code categories}
 * @param field the entity field a cell is matched on, such as {@code name}
 * @param idType the type inside the record's global ID, such as {@code Category}
 * @param perOrganisation whether records belong to organisations (reference data such as currencies does not)
 */
public record LookupTarget<T>(Class<T> entityClass, String singular, String plural, String field, String idType,
        boolean perOrganisation) {
}
