package dev.intake.customfield;

/** The kinds of value a custom field holds. */
public enum CustomFieldType {
    TEXT, NUMBER, DATE, BOOLEAN, FIXED
}
