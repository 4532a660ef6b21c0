package dev.intake.remote;

import java.time.Instant;
import java.util.List;

/**
 * What an admin needs to know of a target: its schema's version and when it was read, whether the target could be
 * reached, what is wrong with its overlay, and the templates it gives.
 *
 * @param schemaVersion the stored schema's version, or 0 when none was ever read
 * @param source where the schema came from: {@code INTROSPECTION} or {@code FILE}, or {@code null}
 * @param readAt when the schema's version was first read, or {@code null}
 * @param checkedAt when the target was last asked, or {@code null}
 * @param reachable whether the last attempt reached it
 * @param problem why the last attempt failed, or {@code null}
 * @param overlayProblems the overlay's mistakes; while there are any, the target offers no templates
 * @param skipped the mutations that take input but cannot be templates, with the reason
 * @param templates the names of its templates
 * @param changes what changed from the schema's previous version, a line each
 */
public record TargetStatus(String name, String url, int schemaVersion, String schemaHash, String source,
        Instant readAt, Instant checkedAt, boolean reachable, String problem, List<OverlayProblem> overlayProblems,
        List<String> skipped, List<String> templates, List<String> changes) {

    public TargetStatus {
        changes = List.copyOf(changes);
        overlayProblems = List.copyOf(overlayProblems);
        skipped = List.copyOf(skipped);
        templates = List.copyOf(templates);
    }
}
