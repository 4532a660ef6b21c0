package dev.intake.batch;

/** What a successful row did to its record; unknown for mutations that neither create nor update by name. */
public enum RowAction {
    CREATED, UPDATED
}
