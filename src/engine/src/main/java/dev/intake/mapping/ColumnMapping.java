package dev.intake.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.intake.file.FileColumn;
import dev.intake.file.FileLayout;
import dev.intake.file.LookupPolicy;
import dev.intake.template.ImportTemplate;

/**
 * The mapping a batch runs with: for each column of its file, the field it fills, or {@code null} for a column
 * that is not imported.
 *
 * @param valueMaps by field reference, cell values mapped to values the field accepts (for a lookup field, to
 *        the names of existing records)
 * @param lookupPolicies by field reference of a lookup field, what happens when a value matches no record; a
 *        lookup field not listed fails such rows
 * @param source who decided it: {@code proposal} when the matcher was confident enough, {@code saved} when an
 *        organisation's saved mapping of the same headers did, {@code person} when a person mapped the columns
 * @param decidedBy the person who mapped the columns or saved the mapping; {@code null} for the proposal
 */
public record ColumnMapping(List<String> fields, Map<String, Map<String, String>> valueMaps,
        Map<String, LookupPolicy> lookupPolicies, String source, String decidedBy) {

    public ColumnMapping {
        fields = java.util.Collections.unmodifiableList(new ArrayList<>(fields));
        valueMaps = valueMaps == null ? Map.of() : Map.copyOf(valueMaps);
        lookupPolicies = lookupPolicies == null ? Map.of() : Map.copyOf(lookupPolicies);
    }

    /** The file layout of a one-row header with this mapping; report and blank columns stay what they are. */
    public FileLayout layout(List<String> headers, ImportTemplate template, MappingProposal proposal) {
        List<FileColumn> columns = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String field = i < fields.size() ? fields.get(i) : null;
            if (field != null) {
                columns.add(FileColumn.field(field));
            } else if (headers.get(i) == null || headers.get(i).isBlank()) {
                columns.add(FileColumn.BLANK);
            } else if (proposal.reportColumns().contains(i)) {
                columns.add(FileColumn.REPORT);
            } else {
                columns.add(FileColumn.IGNORED);
            }
        }
        Map<String, LookupPolicy> policies = new HashMap<>();
        for (String field : fields) {
            template.column(field == null ? "" : field).filter(column -> column.lookup() != null)
                    .ifPresent(column -> policies.put(field, lookupPolicies.getOrDefault(field, LookupPolicy.FAIL)));
        }
        return new FileLayout(1, columns, template.columns(), template.version(), valueMaps, policies, false);
    }
}
