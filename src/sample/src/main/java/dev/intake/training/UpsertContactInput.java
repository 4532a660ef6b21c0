package dev.intake.training;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.customfield.CustomFieldValueInput;
import dev.intake.customfield.CustomFields;
import dev.intake.template.Lookup;

/**
 * A contact to create or change, found by ID or else by email address. Creating needs first name, last name,
 * status and account; changing keeps what is left out.
 */
@Input("UpsertContactInput")
@Description("A contact to change if it exists (by ID, else by email address) or to create")
public record UpsertContactInput(
        @Id @Description("ID of the contact to change; it must exist") String id,
        @NotBlank @Email @Size(max = 254) @Description("Primary email address: finds the contact when no ID is given")
        String emailAddress,
        @Size(min = 1, max = 100) @Description("Given name; required to create") String firstName,
        @Size(min = 1, max = 100) @Description("Family name; required to create") String lastName,
        @Size(max = 40) @Description("Phone number, in any format") String phone,
        @Description("Where the contact stands with us; required to create") ContactStatus status,
        @Lookup(entity = "accounts", field = "name") @Description("The contact's account; required to create") String account,
        @CustomFields(entity = "Contact") @Description("Values of the organisation's custom fields for contacts")
        List<@Valid CustomFieldValueInput> customFields) {
}
