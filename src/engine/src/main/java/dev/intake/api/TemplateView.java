package dev.intake.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.remote.DeliveryGuarantee;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;
import dev.intake.template.TemplateCsv;

/** An import template as GraphQL clients see it. */
@Type("IntakeImportTemplate")
@Description("A CSV template for importing rows through one mutation")
public record TemplateView(
        @NonNull @Description("The mutation each row runs, such as createProduct") String name,
        @NonNull @Description("What the rows are, such as Product") String entity,
        @NonNull @Description("What each row does, such as create") String action,
        @Description("The mutation's description") String description,
        @NonNull List<@NonNull Column> columns,
        @NonNull @Description("The template as CSV: four header rows") String csv,
        @NonNull @Description("Where to download the template") String downloadUrl,
        @Description("The role the uploader needs for the rows to be allowed, if the mutation requires one") String requiredRole,
        @Description("The remote target whose API runs the rows, such as crm; null for this application's own schema")
        String target,
        @NonNull @Description("What becomes of a row whose answer is lost (a timeout, a reset connection, a crash):"
                + " exactly once, at least once with deduplication by a natural key, or at most once with the row"
                + " listed as OUTCOME_UNKNOWN") DeliveryGuarantee deliveryGuarantee,
        @Description("The mutation that undoes a row when an import is rolled back, such as deleteProduct; null when"
                + " the imports cannot be rolled back") String undo,
        @Description("Why the imports cannot be rolled back, when they cannot") String undoRefusal) {

    static TemplateView of(ImportTemplate template, DeliveryGuarantee guarantee) {
        return new TemplateView(template.name(), template.entity(), template.action(), template.description(),
                template.columns().stream().map(Column::of).toList(), TemplateCsv.write(template, false),
                "/imports/templates/" + template.name() + ".csv", template.requiredRole(), template.target(),
                guarantee, template.undo().mutation().orElse(null), template.undo().refusal());
    }

    /** One column of a template. */
    @Type("IntakeTemplateColumn")
    @Description("One column of a template")
    public record Column(
            @NonNull @Description("Row 1: the label") String label,
            @NonNull @Description("Row 2: the path into the mutation's variables") String reference,
            @NonNull @Description("Row 3: the description") String description,
            @NonNull @Description("The kind of value: ID, Text, Fixed, Lookup, LocalDateTime, TimeZoned DateTime, "
                    + "TimeZone Name, Number, Decimal or Boolean") String type,
            @NonNull @Description("Row 4: the type and whether a value is required") String typeDescription,
            @Description("Whether every row must give a value") boolean required,
            @NonNull @Description("The values a Fixed column accepts") List<@NonNull String> allowedValues,
            @Description("For a Lookup column, lookup(entity, field)") String lookup) {

        static Column of(TemplateColumn column) {
            return new Column(column.label(), column.reference(), column.description(), column.type().label(),
                    column.typeDescription(), column.required(), column.allowedValues(),
                    column.lookup() == null ? null : column.lookup().text());
        }
    }
}
