package dev.intake.training;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.intake.lookup.LookupCatalogue;
import dev.intake.lookup.LookupTarget;

/** What the sample domain's lookup fields refer to; each matches a {@code @Lookup} in the input types. */
@ApplicationScoped
public class TrainingLookups implements LookupCatalogue {

    static final LookupTarget<Account> ACCOUNTS = new LookupTarget<>(Account.class, "account", "accounts", "name",
            AccountView.TYPE, "organisation");
    static final LookupTarget<Location> LOCATIONS = new LookupTarget<>(Location.class, "location", "locations", "name",
            LocationView.TYPE, "organisation");
    static final LookupTarget<CourseTemplate> COURSE_TEMPLATES = new LookupTarget<>(CourseTemplate.class,
            "course template", "course templates", "code", CourseTemplateView.TYPE, "organisation");
    static final LookupTarget<Event> EVENTS = new LookupTarget<>(Event.class, "event", "events", "title",
            EventView.TYPE, "organisation");
    static final LookupTarget<Contact> CONTACTS = new LookupTarget<>(Contact.class, "contact", "contacts",
            "emailAddress", ContactView.TYPE, "organisation");
    static final LookupTarget<Currency> CURRENCIES = new LookupTarget<>(Currency.class, "currency", "currencies", "code",
            CurrencyView.TYPE, null);

    @Override
    public List<LookupTarget<?>> targets() {
        return List.of(ACCOUNTS, LOCATIONS, COURSE_TEMPLATES, EVENTS, CURRENCIES, CONTACTS);
    }
}
