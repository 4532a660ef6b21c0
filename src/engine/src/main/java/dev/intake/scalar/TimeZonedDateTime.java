package dev.intake.scalar;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;

/** A date and time with its offset from UTC, in ISO 8601: the GraphQL scalar {@code TimeZonedDateTime}. */
@CustomScalar("TimeZonedDateTime")
@Description("A date and time with its offset from UTC, ISO 8601, such as 2025-11-04T14:00:00+03:00")
public final class TimeZonedDateTime implements CustomStringScalar {

    private final OffsetDateTime value;

    public TimeZonedDateTime(String text) {
        try {
            this.value = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date and time with an offset, such as "
                    + "2025-11-04T14:00:00+03:00", e);
        }
    }

    public static TimeZonedDateTime of(OffsetDateTime value) {
        return new TimeZonedDateTime(value.toString());
    }

    public OffsetDateTime value() {
        return value;
    }

    @Override
    public String stringValueForSerialization() {
        return value.toString();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
