package dev.intake.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.intake.file.CellValues;
import dev.intake.template.TemplateColumn;

/**
 * Whether a file column's sampled values fit a field's type, so that a merely similar header never maps a
 * column of dates to a Boolean. Text, lookups and fixed values take any text (a fixed value can be mapped); a
 * Boolean takes the built-in yes/no words; every other type must accept every non-blank sample as it is.
 */
final class SampleFit {

    static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "y", "n", "1", "0", "on", "off");

    private SampleFit() {
    }

    static boolean fits(TemplateColumn column, List<String> samples) {
        return switch (column.type()) {
            case TEXT, LOOKUP, FIXED -> true;
            case BOOLEAN -> samples.stream().allMatch(sample -> BOOLEAN_WORDS.contains(sample.strip()
                    .toLowerCase(Locale.ROOT)));
            default -> samples.stream().allMatch(sample -> CellValues.accepts(column, sample));
        };
    }
}
