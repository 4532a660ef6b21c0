package dev.intake.training;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.template.Lookup;

/** What a client sends to create an account. */
@Input("AccountInput")
@Description("A new account")
public record AccountInput(
        @NotBlank @Size(max = 200) @Description("The account's name; unique across accounts") String name,
        @Size(max = 500) @Description("The account's web site, such as https://example.com") String website,
        @Lookup(entity = "accounts", field = "name") @Description("The account this one belongs to, such as a head office")
        String parent) {
}
