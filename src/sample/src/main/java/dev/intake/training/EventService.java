package dev.intake.training;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.intake.error.ConflictException;
import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.id.GlobalId;
import dev.intake.lookup.Lookups;
import dev.intake.lookup.UniquenessChecks;
import dev.intake.scalar.TimeZonedDateTime;
import dev.intake.security.Caller;

/** Creates, changes, prices and finds the events of the caller's organisation. */
@ApplicationScoped
public class EventService {

    @Inject
    Caller caller;

    @Inject
    Lookups lookups;

    @Inject
    EntityManager entityManager;

    @Inject
    UniquenessChecks uniqueness;

    public EventView create(EventInput input) {
        long courseTemplate = lookups.id(TrainingLookups.COURSE_TEMPLATES, "input/courseTemplate", input.courseTemplate());
        long location = lookups.id(TrainingLookups.LOCATIONS, "input/location", input.location());
        ensureEndAfterStart(input.start(), input.end());
        return insert(input, courseTemplate, location, caller.organisation());
    }

    @Transactional
    EventView insert(EventInput input, long courseTemplateId, long locationId, String organisation) {
        Event event = new Event();
        event.organisation = organisation;
        event.courseTemplate = entityManager.getReference(CourseTemplate.class, courseTemplateId);
        event.location = entityManager.getReference(Location.class, locationId);
        event.title = input.title();
        event.startsAt = input.start().value();
        event.endsAt = input.end().value();
        event.timeZone = input.timeZone().zone().getId();
        event.capacity = input.capacity();
        event.price = input.price();
        event.status = input.status();
        event.registrationOpens = input.registrationOpens();
        event.persist();
        return EventView.of(event, List.of());
    }

    public EventView update(UpdateEventInput input) {
        Event existing = GlobalId.decode(EventView.TYPE, input.id()).map(this::own)
                .orElseThrow(() -> new NotFoundException("input/id", "No event has the ID '" + input.id() + "'"));
        Long location = input.location() == null ? null : lookups.id(TrainingLookups.LOCATIONS, "input/location",
                input.location());
        ensureEndAfterStart(input.start() != null ? input.start() : TimeZonedDateTime.of(existing.startsAt),
                input.end() != null ? input.end() : TimeZonedDateTime.of(existing.endsAt));
        return apply(existing.id, input, location);
    }

    @Transactional
    EventView apply(long id, UpdateEventInput input, Long locationId) {
        Event event = Event.findById(id);
        if (locationId != null) {
            event.location = entityManager.getReference(Location.class, locationId);
        }
        if (input.title() != null) {
            event.title = input.title();
        }
        if (input.start() != null) {
            event.startsAt = input.start().value();
        }
        if (input.end() != null) {
            event.endsAt = input.end().value();
        }
        if (input.timeZone() != null) {
            event.timeZone = input.timeZone().zone().getId();
        }
        if (input.capacity() != null) {
            event.capacity = input.capacity();
        }
        if (input.price() != null) {
            event.price = input.price();
        }
        if (input.status() != null) {
            event.status = input.status();
        }
        if (input.registrationOpens() != null) {
            event.registrationOpens = input.registrationOpens();
        }
        return EventView.of(event, prices(id));
    }

    public EventView addPrice(EventPriceInput input) {
        long event = lookups.id(TrainingLookups.EVENTS, "input/event", input.event());
        long currency = lookups.id(TrainingLookups.CURRENCIES, "input/currency", input.currency());
        if (uniqueness.beforeWriting() && EventPrice.count("event.id = ?1 and currency.id = ?2", event, currency) > 0) {
            throw new ConflictException("input/currency", "The event already has a price in " + input.currency());
        }
        return insertPrice(event, currency, input);
    }

    @Transactional
    EventView insertPrice(long eventId, long currencyId, EventPriceInput input) {
        EventPrice price = new EventPrice();
        price.organisation = caller.organisation();
        price.event = entityManager.getReference(Event.class, eventId);
        price.currency = entityManager.find(Currency.class, currencyId);
        price.amount = input.amount();
        price.persist();
        return EventView.of(price.event, List.of(price));
    }

    /** Removes an event's price in a currency; the event stays. */
    @Transactional
    public boolean removePrice(String eventId, String currency) {
        Event event = GlobalId.decode(EventView.TYPE, eventId).map(this::own)
                .orElseThrow(() -> new NotFoundException("event", "No event has the ID '" + eventId + "'"));
        long removed = EventPrice.delete("event.id = ?1 and currency.code = ?2", event.id, currency);
        if (removed == 0) {
            throw new NotFoundException("currency", "Event '" + event.title + "' has no price in " + currency);
        }
        return true;
    }

    public List<EventView> page(int offset, int limit) {
        if (limit == 0) {
            return List.of();
        }
        return Event.<Event>find("organisation = ?1 order by id", caller.organisation()).range(offset, offset + limit - 1)
                .list().stream().map(event -> EventView.of(event, prices(event.id))).toList();
    }

    public EventView byId(String id) {
        return GlobalId.decode(EventView.TYPE, id).map(this::own).map(event -> EventView.of(event, prices(event.id)))
                .orElse(null);
    }

    private List<EventPrice> prices(long eventId) {
        return EventPrice.list("event.id = ?1 order by id", eventId);
    }

    private Event own(long id) {
        return Event.<Event>find("id = ?1 and organisation = ?2", id, caller.organisation()).firstResult();
    }

    private static void ensureEndAfterStart(TimeZonedDateTime start, TimeZonedDateTime end) {
        if (!end.value().isAfter(start.value())) {
            throw new InvalidValueException("input/end", "the end (" + end + ") must be after the start (" + start + ")");
        }
    }
}
