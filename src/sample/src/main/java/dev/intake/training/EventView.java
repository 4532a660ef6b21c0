package dev.intake.training;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.id.GlobalId;
import dev.intake.scalar.TimeZoneName;
import dev.intake.scalar.TimeZonedDateTime;

/** An event as GraphQL clients read it; start and end carry the offset of the event's time zone. */
@Type("Event")
@Description("One run of a course")
public record EventView(
        @Id @NonNull String id,
        @NonNull String title,
        @NonNull CourseTemplateView courseTemplate,
        @NonNull LocationView location,
        @NonNull TimeZonedDateTime start,
        @NonNull TimeZonedDateTime end,
        @NonNull TimeZoneName timeZone,
        int capacity,
        BigDecimal price,
        @NonNull EventStatus status,
        LocalDateTime registrationOpens,
        @NonNull List<@NonNull Price> prices) {

    static final String TYPE = "Event";

    /** The event's price in one currency. */
    @Type("EventPrice")
    public record Price(@NonNull String currency, @NonNull BigDecimal amount) {
    }

    static EventView of(Event event, List<EventPrice> prices) {
        ZoneId zone = ZoneId.of(event.timeZone);
        return new EventView(GlobalId.encode(TYPE, event.id), event.title, CourseTemplateView.of(event.courseTemplate),
                LocationView.of(event.location),
                TimeZonedDateTime.of(event.startsAt.atZoneSameInstant(zone).toOffsetDateTime()),
                TimeZonedDateTime.of(event.endsAt.atZoneSameInstant(zone).toOffsetDateTime()),
                new TimeZoneName(event.timeZone), event.capacity, event.price, event.status, event.registrationOpens,
                prices.stream().map(price -> new Price(price.currency.code, price.amount)).toList());
    }
}
