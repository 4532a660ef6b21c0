package dev.intake.customfield;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A new custom field. */
@Input("IntakeCustomFieldInput")
@Description("A custom field to add to an entity")
public record CustomFieldInput(
        @NotBlank @Description("The entity that gets the field, such as Product") String entity,
        @NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]*", message = "must be a letter followed by letters, digits or underscores")
        @Description("The field's name: a letter, then letters, digits or underscores") String name,
        @NotNull @Description("The kind of value") CustomFieldType type,
        @Description("Whether every new record must give a value") boolean required,
        @Description("For a FIXED field, the values it accepts") List<String> allowedValues) {
}
