package dev.intake.remote;

import java.util.ArrayList;
import java.util.List;

import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.DiffLevel;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;

/**
 * What changed between two versions of a target's schema, as graphql-java's schema diff reports it from the query and
 * mutation types: breaking changes first, then those that may break a client, then the rest.
 */
final class SchemaChanges {

    private SchemaChanges() {
    }

    static List<String> between(String before, String after) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(before, after), reporter);
        List<String> changes = new ArrayList<>();
        reporter.getBreakages().forEach(event -> changes.add(line(event)));
        reporter.getDangers().forEach(event -> changes.add(line(event)));
        reporter.getInfos().stream().filter(event -> event.getLevel() == DiffLevel.INFO && event.getTypeName() != null)
                .forEach(event -> changes.add(line(event)));
        return List.copyOf(changes);
    }

    private static String line(DiffEvent event) {
        String level = switch (event.getLevel()) {
            case BREAKING -> "Breaking: ";
            case DANGEROUS -> "May break: ";
            default -> "";
        };
        return level + event.getReasonMsg();
    }
}
