package dev.intake.lookup;

import java.util.List;

/**
 * The lookup targets of a domain, so the import engine can resolve a chunk's lookup values in one query per
 * column before its rows run. Each target's plural name is the {@code entity} of its {@code @lookup} directive.
 */
public interface LookupCatalogue {

    List<LookupTarget<?>> targets();
}
