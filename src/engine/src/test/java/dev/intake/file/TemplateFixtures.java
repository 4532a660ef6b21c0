package dev.intake.file;

import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;

import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;

/** The templates the file tests read against. */
final class TemplateFixtures {

    private TemplateFixtures() {
    }

    /** A contact template: email and status required, nested address city optional. */
    static ImportTemplate contacts() {
        return aTemplate("createPerson").with(
                aColumn("Email Address", "input/emailAddress").required(),
                aColumn("Status", "input/status").fixed("Status", "ACTIVE", "LEAD").required(),
                aColumn("Address City", "input/address/city"),
                aColumn("Age", "input/age").ofType(FieldType.NUMBER, "Int"),
                aColumn("Score", "input/score").ofType(FieldType.DECIMAL, "BigDecimal"),
                aColumn("Vip", "input/vip").ofType(FieldType.BOOLEAN, "Boolean"),
                aColumn("Since", "input/since").ofType(FieldType.LOCAL_DATE_TIME, "DateTime"))
                .build();
    }
}
