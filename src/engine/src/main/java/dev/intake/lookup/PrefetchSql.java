package dev.intake.lookup;

/**
 * The one statement that resolves any number of values of a lookup: {@code = any(?)} over an array, so it is prepared
 * once per connection, whatever the number of values; the organisation's column as the second parameter where
 * records belong to organisations.
 *
 * @param table the entity's table
 * @param valueColumn the column of the field a cell is matched on, a text column
 * @param idColumn the record's key
 * @param organisationColumn the column of the organisation, or {@code null} for shared reference data
 */
record PrefetchSql(String table, String valueColumn, String idColumn, String organisationColumn) {

    /** The statement: each matching record's value, then its key. */
    String statement() {
        return "select " + valueColumn + ", " + idColumn + " from " + table + " where " + valueColumn + " = any (?)"
                + (organisationColumn == null ? "" : " and " + organisationColumn + " = ?");
    }
}
