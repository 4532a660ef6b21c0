package dev.intake.training;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.scalar.TimeZoneName;

/** What a client sends to create a location. */
@Input("LocationInput")
@Description("A new location")
public record LocationInput(
        @NotBlank @Size(max = 200) @Description("What the location is called") String name,
        @NotNull @Valid @Description("Where it is") AddressInput address,
        @NotNull @Description("Its time zone") TimeZoneName timeZone,
        @Description("Whether wheelchair users can reach every room") Boolean wheelchairAccessible) {
}
