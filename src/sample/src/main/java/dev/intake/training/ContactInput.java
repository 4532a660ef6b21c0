package dev.intake.training;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.customfield.CustomFieldValueInput;
import dev.intake.customfield.CustomFields;
import dev.intake.template.ImportAliases;
import dev.intake.template.Lookup;

/** What a client sends to create a contact. */
@Input("ContactInput")
@Description("A new contact")
public record ContactInput(
        @NotBlank @Size(max = 100) @Description("Given name") String firstName,
        @NotBlank @Size(max = 100) @Description("Family name") String lastName,
        @NotBlank @Email @Size(max = 254) @Description("Primary email address; unique across contacts") String emailAddress,
        @Size(max = 40) @Description("Phone number, in any format") String phone,
        @NotNull @Description("Where the contact stands with us") ContactStatus status,
        @NotBlank @Lookup(entity = "accounts", field = "name") @ImportAliases(names = { "Company", "Organisation" })
        @Description("The contact's account") String account,
        @Lookup(entity = "contacts", field = "emailAddress") @ImportAliases(names = { "Reports To" })
        @Description("The contact's manager, another contact, by email address") String manager,
        @CustomFields(entity = "Contact") @Description("Values of the organisation's custom fields for contacts")
        List<@Valid CustomFieldValueInput> customFields) {
}
