package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;

/** Where an event stands. */
@Description("Where an event stands")
public enum EventStatus {
    DRAFT, PUBLISHED, CANCELLED
}
