package dev.intake.file;

import java.util.regex.Pattern;

import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/**
 * Decimal commas in Number and Decimal cells of a semicolon-separated file: Excel writes {@code 12,5} there in the
 * locales that also make it separate with semicolons. Only a plain number with one comma is read so; anything else
 * goes to the column's own check as it is.
 */
final class DecimalComma {

    private static final Pattern WITH_COMMA = Pattern.compile("\\s*[-+]?[0-9]+,[0-9]+\\s*");

    private DecimalComma() {
    }

    static String toPoint(TemplateColumn column, String cell) {
        boolean numeric = column.type() == FieldType.NUMBER || column.type() == FieldType.DECIMAL;
        return numeric && WITH_COMMA.matcher(cell).matches() ? cell.replace(',', '.') : cell;
    }
}
