package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;

/** Where a contact stands with the training company. */
@Description("Where a contact stands with the training company")
public enum ContactStatus {
    ACTIVE, INACTIVE, LEAD
}
