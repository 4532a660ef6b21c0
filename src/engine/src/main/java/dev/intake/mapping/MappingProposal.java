package dev.intake.mapping;

import java.util.List;

/**
 * The mapping step's proposal for a whole file: one {@link ColumnProposal} per column, the references of the
 * required fields no column maps to, and which columns are Intake's own report columns.
 */
public record MappingProposal(List<ColumnProposal> columns, List<String> missingRequired,
        List<Integer> reportColumns, List<ColumnValues> values) {

    public MappingProposal {
        columns = List.copyOf(columns);
        missingRequired = List.copyOf(missingRequired);
        reportColumns = List.copyOf(reportColumns);
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The same proposal with the values its fixed-value and Boolean columns hold that their fields refuse. */
    public MappingProposal withValues(List<ColumnValues> counted) {
        return new MappingProposal(columns, missingRequired, reportColumns, counted);
    }

    /** The refused values of one column; none when it has none. */
    public ColumnValues valuesOf(int index) {
        return values.stream().filter(column -> column.index() == index).findFirst()
                .orElse(new ColumnValues(index, null, List.of(), false));
    }

    /**
     * Whether the batch can go on without a person: every required field is mapped, every column with a header
     * maps to a field (nothing in the file is dropped silently), and every proposal is at least as confident as
     * the threshold. Values a field refuses do not hold it up: those rows fail as they would with the template's
     * own headers.
     */
    public boolean acceptable(double threshold) {
        return missingRequired.isEmpty() && columns.stream().filter(column -> !column.header().isBlank()
                && !reportColumns.contains(column.index()))
                .allMatch(column -> column.confidence() >= threshold && (column.ignored() || column.reference() != null));
    }

    /** The mapping this proposal makes: each column's proposed field, or none, with a saved mapping's choices. */
    public ColumnMapping mapping(MappingStore.SavedChoices saved) {
        return new ColumnMapping(columns.stream().map(ColumnProposal::reference).toList(), saved.valueMaps(),
                saved.lookupPolicies(), saved.savedBy() == null ? "proposal" : "saved", saved.savedBy());
    }
}
