package dev.intake.template;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import graphql.schema.GraphQLSchema;

/** The templates of the schema that {@code /graphql} serves. */
@ApplicationScoped
public class TemplateCatalog {

    private final GraphQLSchema schema;
    private volatile List<ImportTemplate> templates;

    @Inject
    public TemplateCatalog(GraphQLSchema schema) {
        this.schema = schema;
    }

    public List<ImportTemplate> all() {
        List<ImportTemplate> read = templates;
        if (read == null) {
            read = SchemaTemplates.read(schema);
            templates = read;
        }
        return read;
    }

    public Optional<ImportTemplate> byName(String name) {
        return all().stream().filter(template -> template.name().equals(name)).findFirst();
    }

    /** Template names close to a misspelt one, closest first, for error messages. */
    public List<String> closeTo(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return all().stream()
                .map(ImportTemplate::name)
                .filter(candidate -> isClose(wanted, candidate.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt(candidate -> EditDistance.between(wanted, candidate.toLowerCase(Locale.ROOT))))
                .limit(3)
                .toList();
    }

    private static boolean isClose(String wanted, String candidate) {
        return !wanted.isEmpty() && (candidate.contains(wanted) || wanted.contains(candidate)
                || EditDistance.between(wanted, candidate) <= Math.max(2, candidate.length() / 3));
    }
}
