package dev.intake.training;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.scalar.TimeZoneName;
import dev.intake.scalar.TimeZonedDateTime;
import dev.intake.template.Lookup;

/** What a client sends to change an event; a field left out keeps its current value. */
@Input("UpdateEventInput")
@Description("Changes to an existing event; omitted fields keep their value")
public record UpdateEventInput(
        @NotBlank @Id @Description("ID of the event to change") String id,
        @Lookup(entity = "locations", field = "name") @Description("Where it is held") String location,
        @Size(min = 1, max = 200) @Description("The event's title") String title,
        @Description("When it starts, with the offset from UTC") TimeZonedDateTime start,
        @Description("When it ends, with the offset from UTC") TimeZonedDateTime end,
        @Description("The time zone it is advertised in") TimeZoneName timeZone,
        @Min(1) @Description("How many people can attend") Integer capacity,
        @DecimalMin("0") @Description("The base price") BigDecimal price,
        @Description("Where the event stands") EventStatus status,
        @Description("When registration opens, in the event's time zone") LocalDateTime registrationOpens) {
}
