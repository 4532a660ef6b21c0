package dev.intake.template;

import java.util.Locale;

import dev.intake.id.GlobalId;

/**
 * An example value for a column, shown in a template's sample row to show the expected format. An optional
 * lookup is left blank: the record it would name may not exist.
 */
final class SampleValues {

    private SampleValues() {
    }

    static String of(TemplateColumn column, String entity) {
        return switch (column.type()) {
            case ID -> GlobalId.encode(entity, 1);
            case FIXED -> column.allowedValues().isEmpty() ? "" : column.allowedValues().get(0);
            case LOOKUP -> column.required() ? text(column.lookup().field().toLowerCase(Locale.ROOT)) : "";
            case LOCAL_DATE_TIME -> "2025-11-04T14:00:00";
            case DATE -> "2025-11-04";
            case ZONED_DATE_TIME -> "2025-11-04T14:00:00+03:00";
            case TIME_ZONE -> "America/New_York";
            case NUMBER -> "1";
            case DECIMAL -> "9.99";
            case BOOLEAN -> "true";
            case TEXT -> text(column.fieldName().toLowerCase(Locale.ROOT));
        };
    }

    private static String text(String field) {
        if (field.contains("email")) {
            return "jane.doe@example.com";
        }
        if (field.contains("phone")) {
            return "555 0100";
        }
        if (field.contains("website") || field.contains("url")) {
            return "https://example.com";
        }
        if (field.contains("firstname")) {
            return "Jane";
        }
        if (field.contains("lastname")) {
            return "Doe";
        }
        if (field.contains("postcode")) {
            return "SW1A 1AA";
        }
        if (field.contains("street")) {
            return "1 Example Street";
        }
        if (field.contains("city")) {
            return "London";
        }
        if (field.contains("name")) {
            return "Example Ltd";
        }
        if (field.contains("code")) {
            return "CODE-1";
        }
        if (field.contains("title")) {
            return "Example title";
        }
        if (field.contains("country")) {
            return "GB";
        }
        return "Example";
    }
}
