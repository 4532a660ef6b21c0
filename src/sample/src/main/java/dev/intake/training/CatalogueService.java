package dev.intake.training;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.intake.error.ConflictException;
import dev.intake.lookup.UniquenessChecks;
import dev.intake.security.Caller;

/** Locations, course templates and currencies: what events are made of. */
@ApplicationScoped
public class CatalogueService {

    @Inject
    Caller caller;

    @Inject
    UniquenessChecks uniqueness;

    @Transactional
    public LocationView createLocation(LocationInput input) {
        Location location = new Location();
        location.organisation = caller.organisation();
        location.name = input.name();
        location.street = input.address().street();
        location.city = input.address().city();
        location.postcode = input.address().postcode();
        location.country = input.address().country();
        location.timeZone = input.timeZone().zone().getId();
        location.wheelchairAccessible = input.wheelchairAccessible();
        location.persist();
        return LocationView.of(location);
    }

    public CourseTemplateView createCourseTemplate(CourseTemplateInput input) {
        String organisation = caller.organisation();
        if (uniqueness.beforeWriting()
                && CourseTemplate.count("organisation = ?1 and code = ?2", organisation, input.code()) > 0) {
            throw new ConflictException("input/code", "A course template with the code '" + input.code() + "' already exists");
        }
        return insert(input, organisation);
    }

    @Transactional
    CourseTemplateView insert(CourseTemplateInput input, String organisation) {
        CourseTemplate template = new CourseTemplate();
        template.organisation = organisation;
        template.code = input.code();
        template.title = input.title();
        template.description = input.description();
        template.persist();
        return CourseTemplateView.of(template);
    }

    public List<LocationView> locations() {
        return Location.<Location>list("organisation = ?1 order by name", caller.organisation()).stream()
                .map(LocationView::of).toList();
    }

    public List<CourseTemplateView> courseTemplates() {
        return CourseTemplate.<CourseTemplate>list("organisation = ?1 order by code", caller.organisation()).stream()
                .map(CourseTemplateView::of).toList();
    }

    public List<CurrencyView> currencies() {
        return Currency.<Currency>list("order by code").stream().map(CurrencyView::of).toList();
    }
}
