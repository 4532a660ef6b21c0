package dev.intake.batch;

import org.eclipse.microprofile.graphql.Enum;

/** What a successful row did to its record; unknown for mutations that neither create nor update by name. */
@Enum("IntakeRowAction")
public enum RowAction {
    CREATED, UPDATED
}
