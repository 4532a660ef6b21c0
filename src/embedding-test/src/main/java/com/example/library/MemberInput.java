package com.example.library;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A reader to register. */
@Input("MemberInput")
public record MemberInput(
        @NotBlank @Size(max = 20) @Description("The number on the library card") String cardNumber,
        @NotBlank @Size(max = 200) @Description("The member's full name") String name) {
}
