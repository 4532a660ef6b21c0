package dev.intake.lookup;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.intake.template.LookupField;

/** Every lookup target the domain's catalogues declare, found by a lookup directive's entity and field. */
@ApplicationScoped
class LookupCatalogues {

    @Inject
    Instance<LookupCatalogue> catalogues;

    /** What a lookup directive's entity and field refer to, if a catalogue knows it. */
    Optional<LookupTarget<?>> target(LookupField lookup) {
        return catalogues.stream().flatMap(catalogue -> catalogue.targets().stream())
                .filter(target -> target.plural().equals(lookup.entity()) && target.field().equals(lookup.field()))
                .findFirst();
    }
}
