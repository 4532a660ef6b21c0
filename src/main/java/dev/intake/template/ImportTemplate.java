package dev.intake.template;

import java.util.List;
import java.util.Optional;

/**
 * A CSV template for one mutation: its columns, and the GraphQL document that imports one row.
 *
 * @param name the mutation, such as {@code createContact}
 * @param entity what the rows are, such as {@code Contact}
 * @param action what each row does to it, such as {@code create}
 * @param description the mutation's description
 * @param columns in template order: required first, then optional, alphabetical within each
 * @param document the GraphQL operation run for each row, with the row's values as variables
 * @param requiredRole the role the mutation requires (its {@code @rolesAllowed} directive), or {@code null}
 */
public record ImportTemplate(
        String name,
        String entity,
        String action,
        String description,
        List<TemplateColumn> columns,
        String document,
        String requiredRole) {

    public ImportTemplate {
        columns = List.copyOf(columns);
    }

    public Optional<TemplateColumn> column(String reference) {
        return columns.stream().filter(column -> column.reference().equals(reference)).findFirst();
    }
}
