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

/** What a client sends to change a contact; a field left out keeps its current value, one named in clear is emptied. */
@Input("UpdateContactInput")
@Description("Changes to an existing contact; omitted fields keep their value, and those named in clear are emptied")
public record UpdateContactInput(
        @NotBlank @Id @Description("ID of the contact to change") String id,
        @Size(min = 1, max = 100) @Description("Given name") String firstName,
        @Size(min = 1, max = 100) @Description("Family name") String lastName,
        @Email @Size(min = 3, max = 254) @Description("Primary email address; unique across contacts") String emailAddress,
        @Size(max = 40) @Description("Phone number, in any format") String phone,
        @Description("Where the contact stands with us") ContactStatus status,
        @Lookup(entity = "accounts", field = "name") @Description("The contact's account") String account,
        @CustomFields(entity = "Contact") @Description("Values of the organisation's custom fields for contacts")
        List<@Valid CustomFieldValueInput> customFields,
        @Description("Fields to set empty, by name: phone, the one optional field of a contact") List<String> clear) {

    /** The fields that {@code clear} may name. */
    static final java.util.Set<String> CLEARABLE = java.util.Set.of("phone");
}
