package dev.intake.template;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.config.IntakeConfig;

/**
 * The templates of the schema that {@code /graphql} serves. What the schema gives is read once; an
 * organisation's custom-field columns are added on every call, so a new custom field shows without a restart.
 */
@ApplicationScoped
public class TemplateCatalog {

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);

    private final SchemaSource schema;
    private final CustomColumns customColumns;
    private final TemplateChoice choice;
    private final List<TemplateProvider> providers;
    private volatile List<ImportTemplate> templates;

    @Inject
    public TemplateCatalog(SchemaSource schema, CustomColumns customColumns, IntakeConfig config,
            Instance<TemplateProvider> providers) {
        this.schema = schema;
        this.customColumns = customColumns;
        this.choice = new TemplateChoice(config.templates().include(), config.templates().exclude());
        this.providers = providers.stream().toList();
    }

    /**
     * The templates as the schema defines them and the application chose them, then those of the providers (remote
     * targets), without custom fields.
     */
    public List<ImportTemplate> all() {
        List<ImportTemplate> read = templates;
        if (read == null) {
            List<ImportTemplate> all = SchemaTemplates.read(schema.schema());
            choice.unknownNames(all).forEach(problem -> LOG.warn(problem));
            read = choice.apply(all);
            templates = read;
        }
        if (providers.isEmpty()) {
            return read;
        }
        List<ImportTemplate> withProvided = new java.util.ArrayList<>(read);
        providers.forEach(provider -> withProvided.addAll(provider.templates()));
        return withProvided;
    }

    /** The templates as an organisation sees them, with its custom fields. */
    public List<ImportTemplate> all(String organisation) {
        return all().stream().map(template -> withCustomFields(template, organisation)).toList();
    }

    /** A template without custom fields, to check a name. */
    public Optional<ImportTemplate> byName(String name) {
        return all().stream().filter(template -> template.name().equals(name)).findFirst();
    }

    /** A template as an organisation sees it, with its custom fields. */
    public Optional<ImportTemplate> byName(String name, String organisation) {
        return byName(name).map(template -> withCustomFields(template, organisation));
    }

    private ImportTemplate withCustomFields(ImportTemplate template, String organisation) {
        CustomFieldSlot slot = template.customFieldSlot();
        return slot == null ? template : template.withColumns(customColumns.columns(organisation, slot));
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
