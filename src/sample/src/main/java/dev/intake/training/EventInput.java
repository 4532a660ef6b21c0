package dev.intake.training;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import dev.intake.scalar.TimeZoneName;
import dev.intake.scalar.TimeZonedDateTime;
import dev.intake.template.Lookup;

/** What a client sends to create an event. */
@Input("EventInput")
@Description("A new event")
public record EventInput(
        @NotBlank @Lookup(entity = "courseTemplates", field = "code") @Description("The course this event runs")
        String courseTemplate,
        @NotBlank @Lookup(entity = "locations", field = "name") @Description("Where it is held") String location,
        @NotBlank @Size(max = 200) @Description("The event's title") String title,
        @NotNull @Description("When it starts, with the offset from UTC") TimeZonedDateTime start,
        @NotNull @Description("When it ends, with the offset from UTC") TimeZonedDateTime end,
        @NotNull @Description("The time zone it is advertised in") TimeZoneName timeZone,
        @NotNull @Min(1) @Description("How many people can attend") Integer capacity,
        @DecimalMin("0") @Description("The base price") BigDecimal price,
        @NotNull @Description("Where the event stands") EventStatus status,
        @Description("When registration opens, in the event's time zone") LocalDateTime registrationOpens) {
}
