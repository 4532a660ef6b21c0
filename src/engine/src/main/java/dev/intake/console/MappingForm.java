package dev.intake.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.intake.error.InvalidValueException;
import dev.intake.file.LookupPolicy;
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
 * imported), {@code from-N-K} and {@code to-N-K} (value maps), {@code policy-N} (a lookup policy), {@code save}.
 *
 * @param required the template's required fields, as reference and label, for the page's own "still missing" line
 */
public record MappingForm(List<Line> lines, List<String> missingRequired, List<Option> required, boolean decided) {

    /**
     * One column of the file.
     *
     * @param proposed the field the values and the lookup policy below it are for; they apply only while the column
     *        fills it
     * @param lookup the lookup policy chooser, when that field is a lookup
     */
    public record Line(int number, String letter, String header, String samples, String reason, String confidence,
            boolean chosen, List<Option> fields, String proposed, List<Refused> refused, LookupChoice lookup) {
    }

    /**
     * One value the proposed field refuses, and what it can be mapped to: a chooser of the field's values, or for a
     * lookup ({@code targets} empty) the name of an existing record.
     */
    public record Refused(int key, String value, String occurs, List<Option> targets) {
    }

    /** What a lookup column does with a value that matches no record. */
    public record LookupChoice(String records, List<Option> policies) {
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
            LookupChoice lookup = target == null || target.lookup() == null ? null
                    : lookupChoice(target, view.chosen() == null ? null : view.chosen().lookupPolicies().get(
                            target.reference()));
            lines.add(new Line(column.number(), column.letter(), column.header(), String.join(" · ", column.samples()),
                    column.reason(), column.reference() == null ? "" : String.format(Locale.ROOT, "%.0f%%",
                            column.confidence() * 100), column.reference() != null, fields, column.reference(), refused,
                    lookup));
        }
        List<Option> required = template.columns().stream().filter(TemplateColumn::required)
                .map(column -> new Option(column.reference(), column.label(), false)).toList();
        return new MappingForm(lines, view.proposal().missingRequired(), required, view.chosen() != null);
    }

    private static LookupChoice lookupChoice(TemplateColumn field, LookupPolicy chosen) {
        LookupPolicy current = chosen == null ? LookupPolicy.FAIL : chosen;
        String records = field.lookup().entity();
        List<Option> policies = new ArrayList<>();
        policies.add(new Option(LookupPolicy.FAIL.name(), "Fail the row", current == LookupPolicy.FAIL));
        if (!field.required()) {
            policies.add(new Option(LookupPolicy.BLANK.name(), "Import the row without it", current == LookupPolicy.BLANK));
        }
        policies.add(new Option(LookupPolicy.CREATE.name(), "Create it in " + records, current == LookupPolicy.CREATE));
        policies.add(new Option(LookupPolicy.MAP.name(), "Use only the names mapped below", current == LookupPolicy.MAP));
        return new LookupChoice(records, policies);
    }

    private static List<Option> targets(TemplateColumn field) {
        List<Option> targets = new ArrayList<>();
        if (field != null && field.lookup() != null) {
            return targets;
        }
        targets.add(new Option("", "Leave it (the row fails)", true));
        if (field == null) {
            return targets;
        }
        List<String> values = field.type() == FieldType.BOOLEAN ? List.of("true", "false") : field.allowedValues();
        values.forEach(value -> targets.add(new Option(value, value, false)));
        return targets;
    }

    /** A posted lookup policy; an unknown one is refused as mapColumns refuses a wrong choice. */
    private static LookupPolicy policy(String posted) {
        if (posted == null || posted.isBlank()) {
            return null;
        }
        try {
            return LookupPolicy.valueOf(posted);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("policy", "'" + posted + "' is not a lookup policy; expected one of FAIL, "
                    + "BLANK, CREATE, MAP");
        }
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
            choices.add(new MappingChoice(number, ignore ? null : field, ignore, values, policy(form.getFirst("policy-"
                    + number))));
        }
        return choices;
    }
}
