package dev.intake.mapping;

import java.util.List;

import dev.intake.file.CellValues;
import dev.intake.template.TemplateColumn;

/**
 * Whether a file column's sampled values fit a field's type, so that a merely similar header never maps a
 * column of dates to a Boolean. Text, lookups and fixed values take any text (a fixed value can be mapped); every
 * other type, Booleans with their yes/no words included, must accept every non-blank sample as it is.
 */
final class SampleFit {

    private SampleFit() {
    }

    static boolean fits(TemplateColumn column, List<String> samples) {
        return switch (column.type()) {
            case TEXT, LOOKUP, FIXED -> true;
            default -> samples.stream().allMatch(sample -> CellValues.accepts(column, sample));
        };
    }
}
