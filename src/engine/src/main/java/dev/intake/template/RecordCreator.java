package dev.intake.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create mutation that makes a record a lookup refers to, from one value: what the {@code create} lookup
 * policy runs, as the uploader, for a value that matches no record.
 *
 * @param template the referred entity's create template, such as {@code createCategory}
 * @param valueColumn its column for the looked-up field, such as {@code input/name}
 */
public record RecordCreator(ImportTemplate template, TemplateColumn valueColumn) {

    /**
     * The referred entity's create mutation that needs nothing but the looked-up field.
     *
     * @param entityType the record type, as template entities name it, such as {@code Category}
     * @param field the field a lookup matches on, such as {@code name}
     * @throws IllegalArgumentException saying why there is none
     */
    public static RecordCreator find(List<ImportTemplate> templates, String entityType, String field) {
        ImportTemplate template = templates.stream()
                .filter(candidate -> candidate.writeKind() == WriteKind.CREATE && candidate.entity().equals(entityType))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the schema has no import mutation that "
                        + "creates a " + entityType));
        TemplateColumn valueColumn = template.columns().stream().filter(column -> column.fieldName().equals(field)
                && column.path().size() == 2).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        template.name() + " has no field " + field + " to create a " + entityType + " from its value"));
        List<String> others = template.columns().stream().filter(column -> column.required() && column != valueColumn)
                .map(TemplateColumn::reference).toList();
        if (!others.isEmpty()) {
            throw new IllegalArgumentException(template.name() + " also requires " + String.join(", ", others)
                    + ", which a lookup value cannot give");
        }
        return new RecordCreator(template, valueColumn);
    }

    /** The create mutation's variables for one value, such as {@code {input: {name: "Acme"}}}. */
    public Map<String, Object> variables(String value) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put(valueColumn.fieldName(), value);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(valueColumn.path().get(0), input);
        return variables;
    }
}
