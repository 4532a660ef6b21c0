package dev.intake.sets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.intake.file.FileFormat;
import dev.intake.file.HeaderMatch;
import dev.intake.file.ReadLimits;
import dev.intake.file.ReadOptions;
import dev.intake.file.TemplateFileReader;
import dev.intake.processing.RowSources;
import dev.intake.report.ReportColumns;
import dev.intake.template.ImportTemplate;

/**
 * The template of a file uploaded with {@code auto}: the one template whose header the file's matches, as the upload
 * would check it. A file whose version cell names a template (a file made from a template) is that template's.
 */
final class TemplateGuess {

    private TemplateGuess() {
    }

    /** The templates whose header the file matches; the caller refuses anything but exactly one. */
    static List<ImportTemplate> candidates(Path file, FileFormat format, ReadOptions options, ReadLimits limits,
            List<ImportTemplate> templates) {
        List<ImportTemplate> matching = new ArrayList<>();
        for (ImportTemplate template : templates) {
            try (TemplateFileReader reader = new TemplateFileReader(RowSources.open(format, file, limits, options,
                    template), template, limits, ReportColumns::isReportColumn)) {
                HeaderMatch match = reader.header();
                String version = reader.fileVersion();
                if (version != null && version.startsWith(template.name() + "@")) {
                    // the file was made from this template: its own name decides among templates with the same fields
                    return List.of(template);
                }
                if (match.matches() && match.layout() != null) {
                    matching.add(template);
                }
            } catch (IOException | RuntimeException e) {
                // a file this template cannot read is not one of its files
            }
        }
        return matching;
    }
}
