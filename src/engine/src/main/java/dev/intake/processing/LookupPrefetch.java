package dev.intake.processing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.intake.target.LookupResolver;
import dev.intake.template.LookupField;
import dev.intake.template.TemplateColumn;

/**
 * Resolves each lookup column's values for a segment of rows in one query per column, so that the rows' own
 * lookups find them in the transaction's cache; values naming records that earlier rows create are left to the
 * rows.
 */
final class LookupPrefetch {

    private final LookupResolver lookups;
    private final List<TemplateColumn> lookupColumns;
    private final String organisation;

    LookupPrefetch(LookupResolver lookups, List<TemplateColumn> columns, String organisation) {
        this.lookups = lookups;
        this.lookupColumns = columns.stream().filter(column -> column.lookup() != null).toList();
        this.organisation = organisation;
    }

    void prefetch(List<PreparedRow> segment) {
        for (TemplateColumn column : lookupColumns) {
            LookupField lookup = column.lookup();
            lookups.prefetch(lookup, organisation, values(segment, column.path()));
        }
    }

    /** The distinct text values at a path of the variables of the segment's rows still to run, in row order. */
    static Set<String> values(List<PreparedRow> segment, List<String> path) {
        Set<String> values = new LinkedHashSet<>();
        for (PreparedRow row : segment) {
            if (row.decided() == null && valueAt(row.variables(), path) instanceof String value) {
                values.add(value);
            }
        }
        return values;
    }

    /** The value at a reference's path in a row's variables, or {@code null}. */
    static Object valueAt(Map<String, Object> variables, List<String> path) {
        Object value = variables;
        for (String segment : path) {
            if (!(value instanceof Map<?, ?> level)) {
                return null;
            }
            value = level.get(segment);
        }
        return value;
    }
}
