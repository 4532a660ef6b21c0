package dev.intake.sample.hibernate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An update by key in the plain form Hibernate writes for an entity ({@code update t set a=?,b=? where id=?}),
 * and the same update for many rows at once: one statement that joins the table to the rows' values, passed as one
 * array per column.
 * <p>
 * Each array's element type is its column's type read from PostgreSQL's catalog, without a length or precision:
 * the values are checked against the column when they are assigned to it, so a value too long for its column fails
 * as it does in a single-row update, instead of being cut to fit by a cast.
 *
 * @param setColumns the columns the update sets, in the order of their parameters
 * @param keyColumns the columns that find the row, after them
 * @param sql the statement for many rows: one parameter per column, set columns then key columns
 */
record UpdateShape(List<String> setColumns, List<String> keyColumns, String sql) {

    private static final Pattern HIBERNATE_UPDATE = Pattern.compile(
            "update (\\w+(?:\\.\\w+)?) set (\\w+=\\?(?:,\\w+=\\?)*) where (\\w+=\\?(?: and \\w+=\\?)*)");

    /** The columns of a statement Hibernate wrote, when it has the plain form; empty for any other. */
    static Optional<Parsed> parse(String hibernateSql) {
        Matcher matcher = HIBERNATE_UPDATE.matcher(hibernateSql);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(matcher.group(1), columns(matcher.group(2), ","), columns(matcher.group(3), " and ")));
    }

    /** A parsed update: its table and its columns, before their types are known. */
    record Parsed(String table, List<String> setColumns, List<String> keyColumns) {

        /** The update for many rows, when every column has a type an array can hold; empty otherwise. */
        Optional<UpdateShape> withTypes(Map<String, String> columnTypes) {
            List<String> columns = new ArrayList<>(setColumns);
            columns.addAll(keyColumns);
            List<String> arrays = new ArrayList<>();
            for (String column : columns) {
                String type = columnTypes.get(column);
                if (type == null) {
                    return Optional.empty();
                }
                arrays.add("?::" + type + "[]");
            }
            StringBuilder sql = new StringBuilder("update ").append(table).append(" as intake_target set ");
            for (int i = 0; i < setColumns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(setColumns.get(i)).append(" = intake_row.").append(setColumns.get(i));
            }
            sql.append(" from unnest(").append(String.join(", ", arrays)).append(") as intake_row(")
                    .append(String.join(", ", columns)).append(") where ");
            for (int i = 0; i < keyColumns.size(); i++) {
                sql.append(i == 0 ? "" : " and ").append("intake_target.").append(keyColumns.get(i))
                        .append(" = intake_row.").append(keyColumns.get(i));
            }
            sql.append(" returning intake_target.").append(keyColumns.get(0));
            return Optional.of(new UpdateShape(setColumns, keyColumns, sql.toString()));
        }

        /**
         * The element types of the table's columns that an array of text can be cast to: base types and enums. Array,
         * domain, composite and range columns are left out, so updates that set them stay Hibernate's.
         */
        Map<String, String> readColumnTypes(Connection connection) throws SQLException {
            Map<String, String> types = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select a.attname, format_type(a.atttypid, null)
                    from pg_attribute a join pg_type t on t.oid = a.atttypid
                    where a.attrelid = to_regclass(?) and a.attnum > 0 and not a.attisdropped
                      and t.typcategory <> 'A' and t.typtype in ('b', 'e')""")) {
                select.setString(1, table);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        types.put(row.getString(1), row.getString(2));
                    }
                }
            }
            return types;
        }
    }

    int parameterCount() {
        return setColumns.size() + keyColumns.size();
    }

    private static List<String> columns(String assignments, String separator) {
        List<String> columns = new ArrayList<>();
        for (String assignment : assignments.split(Pattern.quote(separator))) {
            columns.add(assignment.substring(0, assignment.length() - "=?".length()));
        }
        return columns;
    }
}
