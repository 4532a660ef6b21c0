package dev.intake.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchSource;
import dev.intake.batch.BatchStore;
import dev.intake.batch.DuplicateActiveBatchException;
import dev.intake.batch.FileStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.file.FileFormat;
import dev.intake.file.FileSniffer;
import dev.intake.file.HeaderMatch;
import dev.intake.file.ReadLimits;
import dev.intake.file.ReadOptions;
import dev.intake.file.ReadRequest;
import dev.intake.file.TemplateFileReader;
import dev.intake.file.UnreadableFileException;
import dev.intake.file.csv.CsvDialect;
import dev.intake.file.xlsx.WorkbookCheck;
import dev.intake.metrics.ImportMetrics;
import dev.intake.processing.RowSources;
import dev.intake.report.ReportColumns;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.UnknownTemplateException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Turns a received file into a pending batch: checks the template and the file's first bytes, hashes it, and
 * stores the batch and the file's bytes in one transaction, so the worker never sees half a file.
 */
@ApplicationScoped
public class FileIntake {

    private static final String READABLE_FORMATS = "Intake imports CSV files in UTF-8 (comma, semicolon or tab "
            + "separated), Excel workbooks (.xlsx) and NDJSON files";

    @Inject
    Event<WorkQueued> workQueued;

    @Inject
    TemplateCatalog templates;

    @Inject
    BatchStore batches;

    @Inject
    FileStore files;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Inject
    ImportMetrics metrics;

    /** A file to import: where its bytes are on local disk, where it came from, and whom it runs as. */
    public record Submission(String template, String filename, Path file, BatchSource source, String emailRecord,
            Uploader uploader, String clientAddress, boolean dryRun, boolean reviewMapping, ReadRequest read,
            UUID parent) {
    }

    /** A file checked and hashed, and its batch, ready to be stored. */
    public record Prepared(ImportBatch batch, Path file, boolean reviewMapping) {
    }

    public ImportBatch submit(Submission submission) {
        Prepared prepared = prepare(submission);
        storeAll(List.of(prepared), () -> {
        }, () -> {
        });
        return prepared.batch();
    }

    /**
     * Checks the template and the file's first bytes and hashes it: the batch it becomes, not stored yet. Refuses a
     * file that is too large, empty, of no format Intake reads, or already pending or running.
     */
    public Prepared prepare(Submission submission) {
        checkTemplate(submission.template());
        long size = size(submission.file());
        long limit = config.limits().maxFileSize().asLongValue();
        if (size > limit) {
            throw new UploadTooLargeException("The file " + submission.filename() + " has " + size
                    + " bytes; the limit is " + limit + " bytes (intake.limits.max-file-size)");
        }
        if (size == 0) {
            throw new RejectedUploadException("empty-file", "The file " + submission.filename() + " is empty",
                    "Upload a file with a header row and at least one data row");
        }
        byte[] head = head(submission.file());
        FileFormat format = formatOf(submission, head);
        ReadOptions options = readOptions(format, head, submission.read());
        String sha256 = sha256(submission.file());
        String organisation = submission.uploader().organisation();
        batches.findActiveWithContent(organisation, submission.template(), sha256).ifPresent(existing -> {
            throw new DuplicateActiveBatchException(submission.template(), existing);
        });
        ImportBatch batch = ImportBatch.pending(UUID.randomUUID(),
                new ImportBatch.ReceivedFile(submission.template(), submission.filename(), size, sha256, format,
                        options),
                submission.source(), submission.emailRecord(), submission.uploader(), submission.clientAddress(),
                submission.dryRun(), clock.instant().truncatedTo(ChronoUnit.MICROS)).withParent(submission.parent());
        return new Prepared(batch, submission.file(), submission.reviewMapping());
    }

    /** A file's header as its template's reader sees it: whether it is the template's own, and its first row. */
    public record FileHeader(boolean template, List<String> cells) {

        public FileHeader {
            cells = List.copyOf(cells);
        }
    }

    /**
     * Reads the header of a prepared file, for a caller that checks it before storing the file (such as a rule that
     * pins a saved mapping); the worker reads it again when it validates the batch.
     *
     * @throws RejectedUploadException when the file's header cannot be read
     */
    public FileHeader header(Prepared prepared) {
        ImportBatch batch = prepared.batch();
        ImportTemplate template = templates.byName(batch.template(), batch.organisation()).orElseThrow();
        IntakeConfig.Limits limits = config.limits();
        ReadLimits readLimits = new ReadLimits(limits.maxColumns(), limits.maxLineLength(), limits.maxCellLength());
        try (TemplateFileReader reader = new TemplateFileReader(RowSources.open(batch.format(), prepared.file(),
                readLimits, batch.readOptions(), template), template, readLimits, ReportColumns::isReportColumn)) {
            HeaderMatch match = reader.header();
            return new FileHeader(match.matches(), reader.headerCells());
        } catch (IOException | RuntimeException e) {
            throw new RejectedUploadException("unreadable-file", "The header of " + batch.filename()
                    + " could not be read: " + e.getMessage(), "Send a CSV, Excel (.xlsx) or NDJSON file with a"
                            + " header row");
        }
    }

    /**
     * Stores prepared files and their batches in one transaction, between what the caller writes before them and
     * after them (a set and its order), so that the worker never sees half of them; then wakes the workers.
     */
    public void storeAll(List<Prepared> prepared, Runnable before, Runnable after) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                before.run();
                for (Prepared file : prepared) {
                    batches.insert(file.batch());
                    if (file.reviewMapping()) {
                        batches.requestMappingReview(file.batch().id());
                    }
                    try (InputStream in = Files.newInputStream(file.file())) {
                        files.write(file.batch().id(), in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                after.run();
            });
        } catch (DuplicateActiveBatchException e) {
            ImportBatch batch = prepared.get(0).batch();
            throw new DuplicateActiveBatchException(batch.template(), prepared.stream().map(file -> batches
                    .findActiveWithContent(file.batch().organisation(), file.batch().template(), file.batch().sha256()))
                    .flatMap(java.util.Optional::stream).findFirst().orElse(null));
        }
        for (Prepared file : prepared) {
            metrics.uploaded(file.batch().source(), file.batch().fileSize());
            workQueued.fire(new WorkQueued(file.batch().id()));
        }
    }

    private void checkTemplate(String template) {
        boolean anyTemplate = !templates.all().isEmpty();
        if (template == null || template.isBlank()) {
            throw new RejectedUploadException("missing-template", "The form field 'template' is missing",
                    anyTemplate ? "Give the name of a template, such as " + String.join(", ", names(3))
                            : "No name would do: " + UnknownTemplateException.NONE);
        }
        if (templates.byName(template).isEmpty()) {
            List<String> close = templates.closeTo(template);
            throw new RejectedUploadException("unknown-template", UnknownTemplateException.message(template, anyTemplate),
                    close.isEmpty() ? (anyTemplate ? "Templates: " + String.join(", ", names(50)) : null)
                            : "Did you mean " + String.join(" or ", close) + "?");
        }
    }

    private List<String> names(int limit) {
        return templates.all().stream().map(ImportTemplate::name).limit(limit).toList();
    }

    /** The file's first bytes, at most {@link FileSniffer#HEAD_SIZE}. */
    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(FileSniffer.HEAD_SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file's format: a workbook when it is a zip holding one; otherwise text, in the format the uploader asked for,
     * else found from its first bytes and then its name. A file of no format Intake reads is refused whatever format
     * the upload names, and so is a workbook that is encrypted, in the old .xls format, over the zip limits, or lacks
     * the sheet asked for.
     */
    private FileFormat formatOf(Submission submission, byte[] head) {
        FileFormat requested = submission.read().format();
        if (WorkbookCheck.isOle2(head, head.length)) {
            throw new RejectedUploadException("unreadable-workbook", WorkbookCheck.ole2Problem(submission.file()),
                    READABLE_FORMATS);
        }
        if (WorkbookCheck.isZip(head, head.length)) {
            if (!WorkbookCheck.isWorkbook(submission.file())) {
                throw new RejectedUploadException("not-a-workbook", "The file " + submission.filename()
                        + " is a zip archive but not an Excel workbook (it holds no xl/workbook.xml)", READABLE_FORMATS);
            }
            if (requested != null && requested != FileFormat.XLSX) {
                throw new RejectedUploadException("format-mismatch", "The upload says format " + requested
                        + ", but the file is an Excel workbook", "Leave out format, or give XLSX");
            }
            checkWorkbook(submission);
            return FileFormat.XLSX;
        }
        if (requested == FileFormat.XLSX) {
            throw new RejectedUploadException("format-mismatch", "The upload says format XLSX, but the file "
                    + submission.filename() + " is not an Excel workbook (.xlsx files are zip archives)",
                    "Leave out format to have the file's own format found");
        }
        FileSniffer.problem(head, head.length).ifPresent(problem -> {
            throw new RejectedUploadException("unsupported-file", problem, READABLE_FORMATS);
        });
        return requested != null ? requested : FileSniffer.formatOf(head, head.length, submission.filename());
    }

    /** Checks the workbook's zip entries against the limits, and that it has the sheet asked for. */
    private void checkWorkbook(Submission submission) {
        IntakeConfig.Limits limits = config.limits();
        List<String> sheets;
        try {
            sheets = WorkbookCheck.inspect(submission.file(), new WorkbookCheck.Limits(
                    limits.maxUnzippedSize().asLongValue(), limits.maxCompressionRatio()));
        } catch (UnreadableFileException e) {
            throw new RejectedUploadException("unreadable-workbook", e.getMessage(),
                    "Save the workbook again from Excel or LibreOffice, or save its sheet as \"CSV UTF-8\"");
        }
        String sheet = submission.read().sheet();
        if (sheet != null && !sheets.contains(sheet)) {
            throw new RejectedUploadException("unknown-sheet", WorkbookCheck.missingSheet(sheet, sheets),
                    "Give one of those names in the form field 'sheet', or leave it out for the first sheet");
        }
    }

    /**
     * The separator of a CSV file, as asked or else found in its header row, and whether it starts with Excel's
     * {@code sep=} line; the sheet of a workbook.
     */
    private static ReadOptions readOptions(FileFormat format, byte[] head, ReadRequest read) {
        if (format != FileFormat.CSV) {
            return new ReadOptions(',', false, read.sheet());
        }
        ReadOptions found = CsvDialect.detect(head, head.length);
        return read.delimiter() == null ? found : new ReadOptions(read.delimiter(), found.separatorLine(), null);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
