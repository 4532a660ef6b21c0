package dev.intake.batch;

import org.eclipse.microprofile.graphql.Enum;

/** How a file reached Intake; RETRY: a batch made of another batch's failed rows, with no new file. */
@Enum("IntakeBatchSource")
public enum BatchSource {
    UPLOAD, API, EMAIL, RETRY
}
