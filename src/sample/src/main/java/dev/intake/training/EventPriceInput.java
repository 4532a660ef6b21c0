package dev.intake.training;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.template.Lookup;

/** A price of an event in one currency. */
@Input("EventPriceInput")
@Description("The price of an event in one currency")
public record EventPriceInput(
        @NotBlank @Lookup(entity = "events", field = "title") @Description("The event") String event,
        @NotBlank @Lookup(entity = "currencies", field = "code") @Description("The currency, by ISO code such as EUR")
        String currency,
        @NotNull @DecimalMin("0") @Description("The amount, such as 450.00") BigDecimal amount) {
}
