package dev.intake.console;

import dev.intake.batch.BatchStatus;
import io.quarkus.qute.TemplateExtension;

/** Lets the console's templates say a status as people read it: {@code {event.status.word}}. */
@TemplateExtension
final class StatusWords {

    private StatusWords() {
    }

    static String word(BatchStatus status) {
        return BatchRow.word(status);
    }

    static String badge(BatchStatus status) {
        return BatchRow.badge(status);
    }
}
