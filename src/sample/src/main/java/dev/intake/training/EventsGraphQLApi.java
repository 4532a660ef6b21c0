package dev.intake.training;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.intake.template.ImportAction;
import io.quarkus.security.Authenticated;

/** The sample business API for what the company runs: locations, course templates, events and their prices. */
@GraphQLApi
@Authenticated
public class EventsGraphQLApi {

    @Inject
    CatalogueService catalogue;

    @Inject
    EventService events;

    @Mutation
    @RolesAllowed(TrainingRoles.EVENTS_WRITER)
    @Description("Create a location")
    public LocationView createLocation(@NonNull @Valid LocationInput input) {
        return catalogue.createLocation(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.EVENTS_WRITER)
    @Description("Create a course template")
    public CourseTemplateView createCourseTemplate(@NonNull @Valid CourseTemplateInput input) {
        return catalogue.createCourseTemplate(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.EVENTS_WRITER)
    @Description("Create an event of a course template at a location")
    public EventView createEvent(@NonNull @Valid EventInput input) {
        return events.create(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.EVENTS_WRITER)
    @Description("Change an existing event; fields left out keep their value")
    public EventView updateEvent(@NonNull @Valid UpdateEventInput input) {
        return events.update(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.EVENTS_WRITER)
    @ImportAction(undo = "removeEventPrice")
    @Description("Give an event a price in a currency")
    public EventView addEventPrices(@NonNull @Valid EventPriceInput input) {
        return events.addPrice(input);
    }

    @Mutation
    @RolesAllowed(TrainingRoles.EVENTS_WRITER)
    @Description("Remove an event's price in a currency; the event stays. True when it was removed")
    public boolean removeEventPrice(@NonNull @Id @Description("The event") String event,
            @NonNull @Description("The currency's ISO code, such as EUR") String currency) {
        return events.removePrice(event, currency);
    }

    @Query
    @Description("All locations, by name")
    public @NonNull List<@NonNull LocationView> locations() {
        return catalogue.locations();
    }

    @Query
    @Description("All course templates, by code")
    public @NonNull List<@NonNull CourseTemplateView> courseTemplates() {
        return catalogue.courseTemplates();
    }

    @Query
    @Description("The currencies prices can be given in")
    public @NonNull List<@NonNull CurrencyView> currencies() {
        return catalogue.currencies();
    }

    @Query
    @Description("Events, oldest first, a page at a time")
    public @NonNull List<@NonNull EventView> events(
            @DefaultValue("100") @Description("How many events, at most 1000") int limit,
            @DefaultValue("0") @Description("How many events to skip") int offset) {
        return events.page(Math.max(0, offset), Math.min(Math.max(limit, 0), 1000));
    }

    @Query
    @Description("One event by ID")
    public EventView event(@NonNull @Id String id) {
        return events.byId(id);
    }
}
