package dev.intake.mapping;

import java.util.List;

/**
 * The mapping step's proposal for a whole file: one {@link ColumnProposal} per column, the references of the
 * required fields no column maps to, and which columns are Intake's own report columns.
 */
public record MappingProposal(List<ColumnProposal> columns, List<String> missingRequired,
        List<Integer> reportColumns) {

    public MappingProposal {
        columns = List.copyOf(columns);
        missingRequired = List.copyOf(missingRequired);
        reportColumns = List.copyOf(reportColumns);
    }

    /**
     * Whether the batch can go on without a person: every required field is mapped, every column with a header
     * maps to a field (nothing in the file is dropped silently), and every proposal is at least as confident as
     * the threshold.
     */
    public boolean acceptable(double threshold) {
        return missingRequired.isEmpty() && columns.stream().filter(column -> !column.header().isBlank()
                && !reportColumns.contains(column.index()))
                .allMatch(column -> column.confidence() >= threshold && (column.ignored() || column.reference() != null));
    }

    /** The mapping this proposal makes: each column's proposed field, or none. */
    public ColumnMapping mapping(String source) {
        return new ColumnMapping(columns.stream().map(ColumnProposal::reference).toList(), source);
    }
}
