package com.example.library;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.template.ImportAliases;
import dev.intake.template.Lookup;

/** A book lent to a member; both are named as people name them, and the import engine finds their records. */
@Input("LoanInput")
public record LoanInput(
        @NotBlank @Lookup(entity = "books", field = "isbn") @Description("The book lent, by its ISBN") String book,
        @NotBlank @Lookup(entity = "members", field = "cardNumber") @ImportAliases(names = { "Card", "Reader" })
        @Description("Who borrows it, by card number") String member,
        @NotNull @Description("When it is due back") LocalDate dueOn) {
}
