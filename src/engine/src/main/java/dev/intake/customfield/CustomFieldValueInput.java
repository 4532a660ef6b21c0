package dev.intake.customfield;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** One custom field's value in a mutation's input. */
@Input("IntakeCustomFieldValueInput")
@Description("The value of one custom field")
public record CustomFieldValueInput(
        @NotBlank @Description("The custom field's name") String name,
        @NotNull @Description("Its value, as text: numbers like 9.99, dates like 2025-11-04, booleans true or false") String value) {
}
