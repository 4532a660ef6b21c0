package dev.intake.batch;

/** How a file reached Intake. */
public enum BatchSource {
    UPLOAD, API, EMAIL
}
