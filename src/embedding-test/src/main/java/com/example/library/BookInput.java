package com.example.library;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A book to add to the catalogue. */
@Input("BookInput")
public record BookInput(
        @NotBlank @Pattern(regexp = "97[89]\\d{10}", message = "must be an ISBN-13 of 13 digits, starting 978 or 979")
        @Description("The ISBN-13, digits only") String isbn,
        @NotBlank @Size(max = 300) @Description("The title as printed") String title,
        @NotNull @Description("The shelf it goes on") Genre genre) {
}
