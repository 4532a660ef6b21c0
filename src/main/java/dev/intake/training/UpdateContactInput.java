package dev.intake.training;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Id;

/** What a client sends to change a contact; a field left out keeps its current value. */
@Input("UpdateContactInput")
@Description("Changes to an existing contact; omitted fields keep their value")
public record UpdateContactInput(
        @NotBlank @Id @Description("ID of the contact to change") String id,
        @Size(min = 1, max = 100) @Description("Given name") String firstName,
        @Size(min = 1, max = 100) @Description("Family name") String lastName,
        @Email @Size(min = 3, max = 254) @Description("Primary email address; unique across contacts") String emailAddress,
        @Size(max = 40) @Description("Phone number, in any format") String phone,
        @Description("Where the contact stands with us") ContactStatus status,
        @Size(min = 1) @Description("The contact's account: its name exactly as stored, or its ID") String accountName) {
}
