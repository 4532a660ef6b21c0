package dev.intake.console;

import java.util.List;

import dev.intake.batch.BatchEvent;
import dev.intake.batch.RowOutcome;
import dev.intake.remote.TargetStatus;
import dev.intake.template.ImportTemplate;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The console's Qute templates, under {@code templates/ConsolePages/}, type-checked at build time; a name with
 * {@code $} is a fragment of a page, which the page's parts fetch to update themselves.
 */
@CheckedTemplate(basePath = "intake/ConsolePages")
final class Pages {

    private Pages() {
    }

    static native TemplateInstance imports(Viewer viewer, List<BatchRow> rows, Filters filters, String nextCursor,
            List<SetRow> sets);

    static native TemplateInstance imports$row(Viewer viewer, BatchRow row);

    static native TemplateInstance wizard(Viewer viewer, List<ImportTemplate> templates, String chosen);

    static native TemplateInstance card(Viewer viewer, BatchDetail card);

    /** @param templateAvailable whether the server still offers the batch's template */
    static native TemplateInstance batch(Viewer viewer, BatchDetail batch, List<RowOutcome> failures,
            String nextFailures, List<BatchEvent> events, boolean templateAvailable, BatchFamily family,
            MappingSheet mapping);

    static native TemplateInstance batch$summary(Viewer viewer, BatchDetail batch);

    static native TemplateInstance templates(Viewer viewer, List<TemplateGroup> groups);

    /** @param targets the remote targets; empty when the viewer is no admin ({@code viewer.admin}) */
    static native TemplateInstance targets(Viewer viewer, List<TargetStatus> targets);

    /** @param webhooks the organisation's webhooks; empty when the viewer is no admin ({@code viewer.admin}) */
    static native TemplateInstance webhooks(Viewer viewer, List<WebhookRow> webhooks, List<String> events);

    /**
     * Templates of one schema: the application's own ({@code target} null) or a remote target's.
     *
     * @param title what the group is called on the page
     */
    record TemplateGroup(String title, String target, List<ImportTemplate> templates) {

        static List<TemplateGroup> of(List<ImportTemplate> templates) {
            java.util.Map<String, List<ImportTemplate>> byTarget = new java.util.LinkedHashMap<>();
            for (ImportTemplate template : templates) {
                byTarget.computeIfAbsent(template.target() == null ? "" : template.target(),
                        key -> new java.util.ArrayList<>()).add(template);
            }
            return byTarget.entrySet().stream().map(group -> group.getKey().isEmpty()
                    ? new TemplateGroup("This application", null, group.getValue())
                    : new TemplateGroup("Target " + group.getKey(), group.getKey(), group.getValue())).toList();
        }
    }

    static native TemplateInstance mapping(Viewer viewer, BatchDetail batch, MappingForm form);

    /** @param hasRole whether the user has an import role, so that only the organisation is missing */
    static native TemplateInstance noAccess(Viewer viewer, boolean hasRole);

    static native TemplateInstance notFound(Viewer viewer, String id);

    static native TemplateInstance signedOut();

    /** The import history's filters, with the choices each offers. */
    record Filters(String status, String template, List<Option> statuses, List<Option> templates) {

        /** The query string of these filters, for the pager's link. */
        public String query() {
            return (status.isEmpty() ? "" : "&status=" + status) + (template.isEmpty() ? "" : "&template=" + template);
        }

        public boolean any() {
            return !status.isEmpty() || !template.isEmpty();
        }
    }

    /** One choice of a filter. */
    record Option(String value, String label, boolean selected) {
    }
}
