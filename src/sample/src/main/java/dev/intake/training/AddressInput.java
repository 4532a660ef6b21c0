package dev.intake.training;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A postal address. */
@Input("AddressInput")
@Description("A postal address")
public record AddressInput(
        @NotBlank @Size(max = 200) @Description("Street and number") String street,
        @NotBlank @Size(max = 100) @Description("Town or city") String city,
        @Size(max = 20) @Description("Postal code") String postcode,
        @NotBlank @Size(min = 2, max = 2) @Description("Country, as an ISO 3166 two-letter code such as GB") String country) {
}
