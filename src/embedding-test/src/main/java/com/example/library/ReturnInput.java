package com.example.library;

import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A book brought back. Returns are scanned at the desk, never imported (intake.templates.exclude). */
@Input("ReturnInput")
public record ReturnInput(@NotBlank @Description("The book's ISBN") String isbn) {
}
