package dev.intake.customfield;

import org.eclipse.microprofile.graphql.Enum;

/** The kinds of value a custom field holds. */
@Enum("IntakeCustomFieldType")
public enum CustomFieldType {
    TEXT, NUMBER, DATE, BOOLEAN, FIXED
}
