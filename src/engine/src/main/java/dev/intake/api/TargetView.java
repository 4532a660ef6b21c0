package dev.intake.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.remote.OverlayProblem;
import dev.intake.remote.TargetStatus;

/** A remote target as admins see it. */
@Type("IntakeImportTarget")
@Description("A GraphQL API over HTTP that rows can be imported into, configured by the operator")
public record TargetView(
        @NonNull @Description("The target's name; its templates are named <target>.<mutation>") String name,
        @NonNull @Description("The GraphQL endpoint") String url,
        @Description("The stored schema's version, counting from 1; 0 when it was never read") int schemaVersion,
        @Description("The SHA-256 of the stored schema") String schemaHash,
        @Description("Where the schema came from: INTROSPECTION or FILE") String schemaSource,
        @Description("When the schema's version was first read") Instant schemaReadAt,
        @Description("Whether the last attempt to read the schema reached the target") boolean reachable,
        @Description("Why the last attempt to read the schema failed") String problem,
        @NonNull @Description("The overlay's mistakes, by line; while there are any, the target offers no templates")
        List<@NonNull Problem> overlayProblems,
        @NonNull @Description("Mutations that take input but cannot be templates, with the reason")
        List<@NonNull String> skippedMutations,
        @NonNull @Description("The names of the target's templates") List<@NonNull String> templates,
        @NonNull @Description("What changed from the schema's previous version, a line each (graphql-java's schema "
                + "diff): breaking changes first; empty for the first version") List<@NonNull String> schemaChanges) {

    static TargetView of(TargetStatus status) {
        return new TargetView(status.name(), status.url(), status.schemaVersion(), status.schemaHash(), status.source(),
                status.readAt(), status.reachable(), status.problem(),
                status.overlayProblems().stream().map(Problem::of).toList(), status.skipped(), status.templates(),
                status.changes());
    }

    /** A mistake in an overlay file. */
    @Type("IntakeOverlayProblem")
    @Description("A mistake in a target's overlay file")
    public record Problem(@Description("The line, from 1; 0 for the whole file") int line,
            @NonNull @Description("What is wrong and what was expected") String message) {

        static Problem of(OverlayProblem problem) {
            return new Problem(problem.line(), problem.message());
        }
    }
}
