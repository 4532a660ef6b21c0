package dev.intake.console;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.intake.file.LookupPolicy;
import dev.intake.imports.ImportService;
import dev.intake.mapping.ColumnMapping;
import dev.intake.mapping.ColumnProposal;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * The column mapping a batch ran with, on its page: which header went to which field, with its value maps and lookup
 * policy, and what decided it.
 *
 * @param decided who or what decided the mapping, in a sentence
 * @param lines one per column of the file, in file order
 */
public record MappingSheet(String decided, List<Line> lines) {

    /** One column: its letter and header, the field it filled (or that it was left out), value maps and policy. */
    public record Line(String letter, String header, String field, boolean imported, String valueMaps, String policy) {
    }

    /** The sheet of a batch that ran with a mapping; {@code null} for a file with the template's own headers. */
    static MappingSheet of(ImportService.MappingView view, ImportTemplate template) {
        ColumnMapping chosen = view == null ? null : view.chosen();
        if (chosen == null) {
            return null;
        }
        List<Line> lines = view.proposal().columns().stream().map(column -> line(column, chosen, template)).toList();
        return new MappingSheet(decided(chosen), lines);
    }

    private static Line line(ColumnProposal column, ColumnMapping chosen, ImportTemplate template) {
        String field = column.index() < chosen.fields().size() ? chosen.fields().get(column.index()) : null;
        if (field == null) {
            return new Line(column.letter(), column.header(), "Not imported", false, "", "");
        }
        String label = template == null ? field
                : template.column(field).map(TemplateColumn::label).map(name -> name + " (" + field + ")").orElse(field);
        Map<String, String> maps = chosen.valueMaps().getOrDefault(field, Map.of());
        String valueMaps = maps.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " → " + entry.getValue()).collect(Collectors.joining(", "));
        LookupPolicy policy = chosen.lookupPolicies().get(field);
        return new Line(column.letter(), column.header(), label, true, valueMaps, policy == null ? "" : words(policy));
    }

    private static String decided(ColumnMapping chosen) {
        return switch (chosen.source() == null ? "" : chosen.source()) {
            case "person" -> "Mapped by " + (chosen.decidedBy() == null ? "a person" : chosen.decidedBy()) + ".";
            case "saved" -> "The mapping " + (chosen.decidedBy() == null ? "the organisation" : chosen.decidedBy())
                    + " saved for these headers.";
            default -> "Proposed automatically: every column matched confidently.";
        };
    }

    private static String words(LookupPolicy policy) {
        return switch (policy) {
            case FAIL -> "No match fails the row";
            case BLANK -> "No match leaves the field blank";
            case CREATE -> "No match creates the record";
            case MAP -> "Value maps only";
        };
    }
}
