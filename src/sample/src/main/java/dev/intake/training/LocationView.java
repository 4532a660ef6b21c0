package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.id.GlobalId;

/** A location as GraphQL clients read it. */
@Type("Location")
@Description("A place where events are held")
public record LocationView(@Id @NonNull String id, @NonNull String name, @NonNull Address address,
        @NonNull String timeZone, Boolean wheelchairAccessible) {

    static final String TYPE = "Location";

    /** A postal address. */
    @Type("Address")
    public record Address(@NonNull String street, @NonNull String city, String postcode, @NonNull String country) {
    }

    static LocationView of(Location location) {
        return new LocationView(GlobalId.encode(TYPE, location.id), location.name,
                new Address(location.street, location.city, location.postcode, location.country), location.timeZone,
                location.wheelchairAccessible);
    }
}
