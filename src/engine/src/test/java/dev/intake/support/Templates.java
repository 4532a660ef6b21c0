package dev.intake.support;

import java.util.ArrayList;
import java.util.List;

import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;
import dev.intake.template.LookupField;
import dev.intake.template.RowOperation;
import dev.intake.template.TemplateColumn;

/** Test-data builders for templates and their columns: {@code aTemplate("createPerson").with(aColumn(...))}. */
public final class Templates {

    private Templates() {
    }

    public static TemplateBuilder aTemplate(String name) {
        return new TemplateBuilder(name);
    }

    /** A Text column, optional, until told otherwise. */
    public static ColumnBuilder aColumn(String label, String reference) {
        return new ColumnBuilder(label, reference);
    }

    /** Builds an {@link ImportTemplate} whose operation runs its mutation with one {@code input} argument. */
    public static final class TemplateBuilder {
        private final String name;
        private String entity = "Person";
        private String action = "create";
        private String requiredRole;
        private final List<TemplateColumn> columns = new ArrayList<>();

        private TemplateBuilder(String name) {
            this.name = name;
        }

        public TemplateBuilder forEntity(String entity, String action) {
            this.entity = entity;
            this.action = action;
            return this;
        }

        public TemplateBuilder requiringRole(String role) {
            this.requiredRole = role;
            return this;
        }

        public TemplateBuilder with(ColumnBuilder... columns) {
            for (ColumnBuilder column : columns) {
                this.columns.add(column.build());
            }
            return this;
        }

        public ImportTemplate build() {
            RowOperation operation = new RowOperation(name, List.of(new RowOperation.Argument("input", entity + "Input!")),
                    " { id }", true);
            return new ImportTemplate(name, entity, action, "", columns, operation, requiredRole, null);
        }
    }

    /** Builds a {@link TemplateColumn}. */
    public static final class ColumnBuilder {
        private final String label;
        private final String reference;
        private FieldType type = FieldType.TEXT;
        private String graphqlType = "String";
        private boolean required;
        private List<String> allowedValues = List.of();
        private LookupField lookup;
        private List<String> aliases = List.of();

        private ColumnBuilder(String label, String reference) {
            this.label = label;
            this.reference = reference;
        }

        public ColumnBuilder ofType(FieldType type, String graphqlType) {
            this.type = type;
            this.graphqlType = graphqlType;
            return this;
        }

        public ColumnBuilder fixed(String graphqlType, String... values) {
            this.type = FieldType.FIXED;
            this.graphqlType = graphqlType;
            this.allowedValues = List.of(values);
            return this;
        }

        public ColumnBuilder lookingUp(String entity, String field) {
            this.type = FieldType.LOOKUP;
            this.graphqlType = "String";
            this.lookup = new LookupField(entity, field);
            return this;
        }

        public ColumnBuilder alsoCalled(String... names) {
            this.aliases = List.of(names);
            return this;
        }

        public ColumnBuilder required() {
            this.required = true;
            return this;
        }

        public TemplateColumn build() {
            return new TemplateColumn(label, reference, "", type, graphqlType, required, allowedValues, lookup, false,
                    aliases);
        }
    }
}
