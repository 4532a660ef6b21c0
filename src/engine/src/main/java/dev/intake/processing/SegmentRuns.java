package dev.intake.processing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.RunSettings;
import dev.intake.config.IntakeConfig;
import dev.intake.preload.RecordPreloader;
import dev.intake.target.ErrorClassifier;
import dev.intake.target.LookupResolver;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RecordCreator;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import dev.intake.undo.RecordImages;

/** Puts together how a chunk's segments run: its batch's template and mapping, the target's lookups, errors and rows. */
@ApplicationScoped
class SegmentRuns {

    private static final Logger LOG = Logger.getLogger(SegmentRuns.class);

    @Inject
    LookupResolver lookups;

    @Inject
    ErrorClassifier errors;

    @Inject
    TemplateCatalog templates;

    @Inject
    Instance<RecordPreloader> preloaders;

    @Inject
    TransactionWrites writes;

    @Inject
    IntakeConfig config;

    /** How the segments of one chunk of the batch run, in the session its rows run in. */
    SegmentRun of(RunSettings batch, ImportTemplate template, RowSession session, java.util.UUID batchId) {
        List<TemplateColumn> columns = batch.layout().templateColumns();
        LookupPolicies policies = new LookupPolicies(batch.layout(), lookups, batch.organisation(),
                column -> creator(column, batch.organisation(), batchId));
        return new SegmentRun(template, config.worker().rowsPerOperation(),
                new LookupPrefetch(lookups, columns, batch.organisation()),
                segment -> preload(template, batch.organisation(), segment), policies,
                new RowCalls(session, errors, batchId), writes::now,
                new OutcomeRecording(columns, template == null ? null : template.writeKind(), policies),
                keepsImages(batch, template) ? ImageCapture.of(new RecordImages(template.undo(), session,
                        config.worker().rowsPerOperation())) : ImageCapture.NONE);
    }

    /** Whether the rows' records are read for a later rollback: a real run of a template that declares a read. */
    private boolean keepsImages(RunSettings batch, ImportTemplate template) {
        return template != null && !batch.dryRun() && config.rollback().keepImages()
                && RecordImages.kept(template.undo());
    }

    /** The create mutation of the records a lookup column refers to, when the schema still has one. */
    private Optional<RecordCreator> creator(TemplateColumn column, String organisation, java.util.UUID batchId) {
        return lookups.nouns(column.lookup()).flatMap(nouns -> {
            try {
                return Optional.of(RecordCreator.find(templates.all(organisation), nouns.recordType(),
                        column.lookup().field()));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Batch %s: %s; its rows fail as under the lookup policy fail", batchId, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Lets the domain load, in one query, the records the segment's rows will find by ID or key. */
    private void preload(ImportTemplate template, String organisation, List<PreparedRow> segment) {
        if (template == null) {
            return;
        }
        List<Map<String, Object>> variables = segment.stream().filter(row -> row.decided() == null)
                .map(PreparedRow::variables).toList();
        if (variables.isEmpty()) {
            return;
        }
        for (RecordPreloader preloader : preloaders) {
            if (preloader.mutations().contains(template.name())) {
                preloader.preload(template.name(), organisation, variables);
            }
        }
    }
}
