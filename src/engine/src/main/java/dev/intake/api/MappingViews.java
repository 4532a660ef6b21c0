package dev.intake.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.file.LookupPolicy;
import dev.intake.imports.ImportService;
import dev.intake.mapping.ColumnProposal;
import dev.intake.mapping.ColumnValues;
import dev.intake.mapping.MappingChoice;

/** The GraphQL types of the mapping step: a batch's proposal and mapping, and the input of mapColumns. */
public final class MappingViews {

    private MappingViews() {
    }

    @Type("IntakeBatchMapping")
    @Description("How a file's columns map to the template's fields: the proposal, and what the batch runs with")
    public record BatchMapping(
            @NonNull @Description("Each column of the file, in file order") List<@NonNull MappingColumn> columns,
            @NonNull @Description("The references of required fields no column maps to") List<@NonNull String> missingRequired,
            @Description("What decided the mapping the batch runs with: proposal (the automatic proposal, confident enough), saved (the organisation's saved mapping of the same headers) or person; null while it waits") String decidedBy,
            @Description("The person who mapped the columns, or who saved the mapping used; null for the proposal") String decidedByUser) {

        static BatchMapping of(ImportService.MappingView view) {
            List<MappingColumn> columns = view.proposal().columns().stream().map(column -> {
                String field = view.chosen() == null ? null : field(view.chosen().fields(), column.index());
                return MappingColumn.of(column, field, field == null ? null : view.chosen().lookupPolicies().get(field),
                        view.proposal().valuesOf(column.index()), field == null ? java.util.Map.of()
                                : view.chosen().valueMaps().getOrDefault(field, java.util.Map.of()));
            }).toList();
            return new BatchMapping(columns, view.proposal().missingRequired(),
                    view.chosen() == null ? null : view.chosen().source(),
                    view.chosen() == null ? null : view.chosen().decidedBy());
        }

        private static String field(List<String> fields, int index) {
            return index < fields.size() ? fields.get(index) : null;
        }
    }

    @Type("IntakeMappingColumn")
    @Description("One column of the file, with the field proposed for it")
    public record MappingColumn(
            @Description("Its number, from 1") int number,
            @NonNull @Description("Its spreadsheet letters, such as C") String letter,
            @NonNull @Description("Its header, as the file has it") String header,
            @NonNull @Description("Up to three of its values, from the first rows") List<@NonNull String> samples,
            @Description("The field proposed for it, such as input/emailAddress; null when none is") String proposedField,
            @Description("How sure the proposal is, from 0 to 1") double confidence,
            @NonNull @Description("Why, for people: exact label, alias \"Company\", similar to \"Email Address\" (0.86)") String reason,
            @Description("The field it fills in the mapping the batch runs with; null when not imported or not decided yet") String field,
            @NonNull @Description("For a fixed-value or Boolean field, the file's values it does not accept; for a lookup field, the values that match no record: to map, or for a lookup, to create or leave out") List<@NonNull RefusedValue> refusedValues,
            @Description("Whether there were more distinct refused values than the 100 listed") boolean moreRefusedValues,
            @Description("For a lookup field, what the batch does when a value matches no record; null until the mapping is decided") LookupPolicy lookupPolicy,
            @NonNull @Description("The column's values mapped to values its field accepts, in the mapping the batch runs with") List<@NonNull MappedValue> valueMaps) {

        static MappingColumn of(ColumnProposal column, String field, LookupPolicy policy, ColumnValues values,
                java.util.Map<String, String> valueMaps) {
            return new MappingColumn(column.number(), column.letter(), column.header(), column.samples(),
                    column.reference(), column.confidence(), column.reason(), field,
                    values.unmatched().stream().map(value -> new RefusedValue(value.value(), value.count(),
                            value.firstRows())).toList(), values.more(), policy,
                    valueMaps.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                            .map(entry -> new MappedValue(entry.getKey(), entry.getValue())).toList());
        }
    }

    @Type("IntakeMappedValue")
    @Description("A value of the file mapped to a value its field accepts")
    public record MappedValue(@NonNull @Description("The value as the file has it") String from,
            @NonNull @Description("The value the row was imported with") String to) {
    }

    @Type("IntakeRefusedValue")
    @Description("A value of the file that its field does not accept")
    public record RefusedValue(
            @NonNull String value,
            @Description("How many rows hold it") long count,
            @NonNull @Description("The first rows that hold it, by the file's row numbers") List<@NonNull Long> firstRows) {
    }

    @Input("IntakeMapColumnsInput")
    @Description("A person's mapping of a batch's columns; columns left out keep their proposal")
    public record MapColumnsInput(
            @NonNull @Description("The choices, by column") List<@NonNull ColumnChoice> columns,
            @Description("Remember this mapping for the organisation: the next file with the same headers skips MAPPING") Boolean save) {
    }

    @Input("IntakeColumnChoice")
    @Description("What one column of the file fills")
    public record ColumnChoice(
            @Description("The column's number, from 1") int column,
            @Description("The template reference it fills, such as input/emailAddress; left out, the proposed field") String field,
            @Description("True to leave the column out of the import") Boolean ignore,
            @Description("Values of the column mapped to values its field accepts, such as Prospect to LEAD; for a lookup field, to the names of existing records") List<ValueMap> values,
            @Description("For a lookup field, what happens to a row whose value matches no record: FAIL (the default), BLANK (leave the field out; optional fields only), CREATE (create the record through its create mutation, as the uploader), or MAP (only the value maps)") LookupPolicy lookupPolicy) {

        MappingChoice toChoice() {
            java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
            if (values != null) {
                values.forEach(value -> map.put(value.from(), value.to()));
            }
            return new MappingChoice(column, field, Boolean.TRUE.equals(ignore), map, lookupPolicy);
        }
    }

    @Input("IntakeValueMap")
    @Description("One value of a file mapped to a value its field accepts")
    public record ValueMap(@NonNull @Description("The value as the file has it") String from,
            @NonNull @Description("The value the field accepts, such as LEAD") String to) {
    }
}
