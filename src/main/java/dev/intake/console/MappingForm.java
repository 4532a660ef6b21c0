package dev.intake.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.intake.imports.ImportService;
import dev.intake.mapping.ColumnProposal;
import dev.intake.mapping.ColumnValues;
import dev.intake.mapping.MappingChoice;
import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * The console's mapping step for one batch: a line per file column with its samples, a field chooser set to the
 * proposal with its reason and confidence, the values its field refuses with a chooser each; and the posted form
 * read back as the choices {@code mapColumns} takes. Form fields: {@code field-N} (a reference, or empty for not
 * imported), {@code from-N-K} and {@code to-N-K} (value maps), {@code save}.
 */
public record MappingForm(List<Line> lines, List<String> missingRequired, boolean decided) {

    /** One column of the file. */
    public record Line(int number, String letter, String header, String samples, String reason, String confidence,
            boolean chosen, List<Option> fields, List<Refused> refused) {
    }

    /** One value the proposed field refuses, and what it can be mapped to. */
    public record Refused(int key, String value, String occurs, List<Option> targets) {
    }

    /** A choice of a chooser. */
    public record Option(String value, String label, boolean selected) {
    }

    static MappingForm of(ImportService.MappingView view, ImportTemplate template) {
        List<Line> lines = new ArrayList<>();
        for (ColumnProposal column : view.proposal().columns()) {
            if (column.header().isBlank() || view.proposal().reportColumns().contains(column.index())) {
                continue;
            }
            String current = view.chosen() == null ? column.reference()
                    : column.index() < view.chosen().fields().size() ? view.chosen().fields().get(column.index()) : null;
            List<Option> fields = new ArrayList<>();
            fields.add(new Option("", "Not imported", current == null));
            for (TemplateColumn field : template.columns()) {
                fields.add(new Option(field.reference(), field.label() + " (" + field.reference() + ")"
                        + (field.required() ? ", required" : ""), field.reference().equals(current)));
            }
            List<Refused> refused = new ArrayList<>();
            ColumnValues values = view.proposal().valuesOf(column.index());
            TemplateColumn target = column.reference() == null ? null : template.column(column.reference()).orElse(null);
            for (int k = 0; k < values.unmatched().size(); k++) {
                ColumnValues.Unmatched value = values.unmatched().get(k);
                String rows = String.join(", ", value.firstRows().stream().map(String::valueOf).toList());
                refused.add(new Refused(k, value.value(), value.count() == 1 ? "1 row: row " + rows
                        : value.count() + " rows, first " + rows, targets(target)));
            }
            lines.add(new Line(column.number(), column.letter(), column.header(), String.join(" · ", column.samples()),
                    column.reason(), column.reference() == null ? "" : String.format(Locale.ROOT, "%.0f%%",
                            column.confidence() * 100), column.reference() != null, fields, refused));
        }
        return new MappingForm(lines, view.proposal().missingRequired(), view.chosen() != null);
    }

    private static List<Option> targets(TemplateColumn field) {
        List<Option> targets = new ArrayList<>();
        targets.add(new Option("", "Leave it (the row fails)", true));
        if (field == null) {
            return targets;
        }
        List<String> values = field.type() == FieldType.BOOLEAN ? List.of("true", "false") : field.allowedValues();
        values.forEach(value -> targets.add(new Option(value, value, false)));
        return targets;
    }

    /** The posted form as the choices for every column it names. */
    static List<MappingChoice> choices(MultivaluedMap<String, String> form) {
        List<MappingChoice> choices = new ArrayList<>();
        for (String name : form.keySet()) {
            if (!name.matches("field-[0-9]{1,5}")) {
                continue;
            }
            int number = Integer.parseInt(name.substring("field-".length()));
            String field = form.getFirst(name);
            Map<String, String> values = new LinkedHashMap<>();
            for (int k = 0; form.containsKey("from-" + number + "-" + k); k++) {
                String to = form.getFirst("to-" + number + "-" + k);
                if (to != null && !to.isBlank()) {
                    values.put(form.getFirst("from-" + number + "-" + k), to);
                }
            }
            boolean ignore = field == null || field.isBlank();
            choices.add(new MappingChoice(number, ignore ? null : field, ignore, values));
        }
        return choices;
    }
}
