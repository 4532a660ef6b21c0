package dev.intake.sets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchSource;
import dev.intake.config.IntakeConfig;
import dev.intake.file.FileFormat;
import dev.intake.file.FileSniffer;
import dev.intake.file.ReadLimits;
import dev.intake.file.ReadOptions;
import dev.intake.file.ReadRequest;
import dev.intake.file.csv.CsvDialect;
import dev.intake.file.xlsx.WorkbookCheck;
import dev.intake.order.EntityReferences;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import dev.intake.upload.FileIntake;
import dev.intake.upload.RejectedUploadException;

/**
 * Turns several uploaded files, or the sheets of one workbook, into an import set: each file a pending batch with its
 * template (given, or chosen from its headers), each waiting for the batches whose records its lookups refer to. The
 * set and all its batches are stored in one transaction; a set that cannot be ordered is refused whole.
 */
@ApplicationScoped
public class SetIntake {

    /** The template name that asks for the template to be chosen from the file's headers. */
    public static final String AUTO = "auto";

    @Inject
    FileIntake intake;

    @Inject
    SetStore sets;

    @Inject
    TemplateCatalog templates;

    @Inject
    EntityReferences references;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    /** One uploaded file of a set: its template, {@code auto}, or none for a workbook whose sheets name theirs. */
    public record SetFile(String filename, Path file, String template) {
    }

    /**
     * Creates the set and its batches, running as the uploader; answers the set.
     *
     * @param sheetTemplates for a workbook, templates by sheet name, for sheets whose names are not templates'
     */
    public ImportSet create(List<SetFile> files, Map<String, String> sheetTemplates, boolean dryRun, Uploader uploader,
            String clientAddress) {
        if (files.isEmpty()) {
            throw new RejectedUploadException("missing-file", "The set has no file",
                    "Send each file as a multipart form field 'file', with its template in a field 'template'");
        }
        List<String> ignored = new ArrayList<>();
        String workbook = null;
        List<Planned> planned = new ArrayList<>();
        if (files.size() == 1 && isWorkbook(files.get(0).file()) && (files.get(0).template() == null
                || files.get(0).template().isBlank())) {
            workbook = files.get(0).filename();
            planned.addAll(sheets(files.get(0), sheetTemplates, ignored));
        } else {
            for (SetFile file : files) {
                planned.add(new Planned(file.filename(), file.file(), templateOf(file), null));
            }
        }
        List<FileIntake.Prepared> prepared = new ArrayList<>();
        for (Planned file : planned) {
            prepared.add(intake.prepare(new FileIntake.Submission(file.template().name(), file.name(), file.file(),
                    BatchSource.UPLOAD, null, uploader, clientAddress, dryRun, false,
                    new ReadRequest(null, null, file.sheet()), null)));
        }
        List<Set<Integer>> waits;
        try {
            waits = SetOrder.waits(planned.stream().map(file -> member(file.name(), file.template())).toList());
        } catch (SetOrder.Refused e) {
            throw new RejectedUploadException("set-order", e.getMessage(),
                    "Intake runs a file after the files that create the records its lookups refer to");
        }
        List<Integer> order = SetOrder.runOrder(waits);
        ImportSet set = new ImportSet(UUID.randomUUID(), uploader.organisation(), uploader.user(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), dryRun, workbook, ignored);
        List<FileIntake.Prepared> inOrder = order.stream().map(prepared::get).toList();
        intake.storeAll(inOrder, () -> sets.insert(set), () -> {
            for (int position = 0; position < order.size(); position++) {
                int index = order.get(position);
                sets.join(prepared.get(index).batch().id(), set.id(), position, waits.get(index).stream()
                        .map(other -> prepared.get(other).batch().id()).toList());
            }
        });
        return set;
    }

    /** A file of the set with the template it runs with, and for a workbook's sheet, the sheet. */
    private record Planned(String name, Path file, ImportTemplate template, String sheet) {
    }

    private SetOrder.Member member(String name, ImportTemplate template) {
        Set<String> refers = new LinkedHashSet<>();
        for (TemplateColumn column : template.columns()) {
            references.referred(template, column).ifPresent(refers::add);
        }
        return new SetOrder.Member(name + " (" + template.name() + ")", references.created(template), refers);
    }

    /** The sheets of the workbook that name a template, or are mapped to one; the others are listed as ignored. */
    private List<Planned> sheets(SetFile file, Map<String, String> sheetTemplates, List<String> ignored) {
        List<Planned> planned = new ArrayList<>();
        Map<String, String> mapped = new LinkedHashMap<>();
        sheetTemplates.forEach((sheet, template) -> mapped.put(sheet.strip(), template.strip()));
        List<String> sheets = WorkbookCheck.sheetNames(file.file());
        for (String sheet : mapped.keySet()) {
            if (!sheets.contains(sheet)) {
                throw new RejectedUploadException("unknown-sheet", WorkbookCheck.missingSheet(sheet, sheets),
                        "Map only the workbook's own sheets to templates");
            }
        }
        for (String sheet : sheets) {
            String name = mapped.getOrDefault(sheet, sheet);
            Optional<ImportTemplate> template = byName(name);
            if (template.isEmpty() && mapped.containsKey(sheet)) {
                throw new RejectedUploadException("unknown-template", "The sheet " + sheet + " is mapped to "
                        + name + ", which is not a template", "Map it to one of the importTemplates");
            }
            if (template.isEmpty()) {
                ignored.add(sheet);
            } else {
                planned.add(new Planned(file.filename() + " [" + sheet + "]", file.file(), template.get(), sheet));
            }
        }
        if (planned.isEmpty()) {
            throw new RejectedUploadException("no-template-sheet", "No sheet of " + file.filename()
                    + " is named after a template (its sheets: " + String.join(", ", sheets) + ")",
                    "Name each sheet after its template, such as createProduct, or map it with a form field"
                            + " 'sheetTemplate' such as Products=createProduct");
        }
        return planned;
    }

    /** The template a file names, or for {@code auto}, the one its headers match. */
    private ImportTemplate templateOf(SetFile file) {
        String name = file.template();
        if (name == null || name.isBlank()) {
            throw new RejectedUploadException("missing-template", "The file " + file.filename() + " has no template",
                    "Give a template field after each file field, in the same order, or auto to have it chosen from"
                            + " the file's headers");
        }
        if (!AUTO.equalsIgnoreCase(name.strip())) {
            return byName(name.strip()).orElseThrow(() -> new RejectedUploadException("unknown-template",
                    "The file " + file.filename() + " names the template " + name + ", which does not exist",
                    "Give one of the importTemplates, or auto"));
        }
        byte[] head = head(file.file());
        FileFormat format = isWorkbook(file.file()) ? FileFormat.XLSX
                : FileSniffer.formatOf(head, head.length, file.filename());
        ReadOptions options = format == FileFormat.CSV ? CsvDialect.detect(head, head.length) : ReadOptions.CSV;
        IntakeConfig.Limits limits = config.limits();
        List<ImportTemplate> candidates = TemplateGuess.candidates(file.file(), format, options,
                new ReadLimits(limits.maxColumns(), limits.maxLineLength(), limits.maxCellLength()),
                templates.all());
        if (candidates.size() != 1) {
            throw new RejectedUploadException("template-not-found", "The headers of " + file.filename()
                    + (candidates.isEmpty() ? " match no template"
                            : " match several templates: " + String.join(", ", candidates.stream()
                                    .map(ImportTemplate::name).toList())),
                    "Give the file's template instead of auto");
        }
        return candidates.get(0);
    }

    private Optional<ImportTemplate> byName(String name) {
        return templates.byName(name).or(() -> templates.all().stream()
                .filter(template -> template.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst());
    }

    private static boolean isWorkbook(Path file) {
        byte[] head = head(file);
        return WorkbookCheck.isZip(head, head.length) && WorkbookCheck.isWorkbook(file);
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(FileSniffer.HEAD_SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
