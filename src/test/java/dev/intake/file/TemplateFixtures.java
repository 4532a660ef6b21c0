package dev.intake.file;

import java.util.List;

import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RowOperation;
import dev.intake.template.TemplateColumn;

/** Test data builders for templates. */
final class TemplateFixtures {

    private TemplateFixtures() {
    }

    static TemplateColumn text(String label, String reference, boolean required) {
        return new TemplateColumn(label, reference, "", FieldType.TEXT, "String", required, List.of(), null, false);
    }

    static TemplateColumn column(String label, String reference, FieldType type, String graphqlType, boolean required,
            List<String> allowed) {
        return new TemplateColumn(label, reference, "", type, graphqlType, required, allowed, null, false);
    }

    /** A contact template: email and status required, nested address city optional. */
    static ImportTemplate contacts() {
        return new ImportTemplate("createPerson", "Person", "create", "", List.of(
                text("Email Address", "input/emailAddress", true),
                column("Status", "input/status", FieldType.FIXED, "Status", true, List.of("ACTIVE", "LEAD")),
                text("Address City", "input/address/city", false),
                column("Age", "input/age", FieldType.NUMBER, "Int", false, List.of()),
                column("Score", "input/score", FieldType.DECIMAL, "BigDecimal", false, List.of()),
                column("Vip", "input/vip", FieldType.BOOLEAN, "Boolean", false, List.of()),
                column("Since", "input/since", FieldType.LOCAL_DATE_TIME, "DateTime", false, List.of())),
                new RowOperation("createPerson", List.of(new RowOperation.Argument("input", "PersonInput!")), " { id }", true),
                null, null);
    }
}
