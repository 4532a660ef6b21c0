package dev.intake.scalar;

import java.time.ZoneId;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;

/** An IANA time zone name, such as America/New_York: the GraphQL scalar {@code TimeZoneName}. */
@CustomScalar("TimeZoneName")
@Description("An IANA time zone name, such as America/New_York")
public final class TimeZoneName implements CustomStringScalar {

    private final ZoneId zone;

    public TimeZoneName(String text) {
        if (text == null || !ZoneId.getAvailableZoneIds().contains(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an IANA time zone name, such as America/New_York");
        }
        this.zone = ZoneId.of(text);
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String stringValueForSerialization() {
        return zone.getId();
    }

    @Override
    public String toString() {
        return zone.getId();
    }
}
