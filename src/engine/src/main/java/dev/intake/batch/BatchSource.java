package dev.intake.batch;

import org.eclipse.microprofile.graphql.Enum;

/** How a file reached Intake. */
@Enum("IntakeBatchSource")
public enum BatchSource {
    UPLOAD, API, EMAIL
}
