package dev.intake.file;

import dev.intake.template.TemplateColumn;

/** Whether a cell holds a value its column accepts, as the row's variables would coerce it. */
public final class CellValues {

    private CellValues() {
    }

    public static boolean accepts(TemplateColumn column, String cell) {
        try {
            CellCoercion.coerce(column, cell);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
