package dev.intake.mapping;

import java.util.List;

import dev.intake.template.TemplateColumn;

/**
 * The mapping step's proposal for a whole file: one {@link ColumnProposal} per column, and the required fields
 * no column maps to.
 */
public record MappingProposal(List<ColumnProposal> columns, List<TemplateColumn> missingRequired,
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
                .allMatch(column -> column.reference() != null && column.confidence() >= threshold);
    }
}
