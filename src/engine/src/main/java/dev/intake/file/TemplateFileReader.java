package dev.intake.file;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.intake.template.FormulaGuard;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCsv;

/**
 * Reads an uploaded file against a template, whatever its format: the header first, then data rows one at a time,
 * from a {@link RowSource}.
 * <p>
 * Records whose cells are all blank are skipped, as are trailing columns that are blank in the header and in the
 * row. A row that cannot be imported as it stands (the wrong number of cells, a NUL character, a cell over the
 * length limit) comes back with a parse error. The apostrophe Intake puts before formula-like values in the files
 * it writes is removed.
 */
public final class TemplateFileReader implements Closeable {

    private final RowSource source;
    private final ImportTemplate template;
    private final ReadLimits limits;
    private final Predicate<String> ignoredHeader;
    private SourceRecord pushedBack;
    private FileLayout layout;
    private List<String> headerCells = List.of();
    private List<String> descriptionCells = List.of();
    private String fileVersion;

    /**
     * @param ignoredHeader whether a header cell names a column Intake adds to the files it writes (a report
     *        column), which is not imported
     */
    public TemplateFileReader(RowSource source, ImportTemplate template, ReadLimits limits,
            Predicate<String> ignoredHeader) {
        this.source = source;
        this.template = template;
        this.limits = limits;
        this.ignoredHeader = ignoredHeader;
    }

    /** Reads the header rows; the file is rejected as a whole when they do not match. */
    public HeaderMatch header() {
        SourceRecord first = nextRecord();
        while (first != null && first.isBlank()) {
            first = nextRecord();
        }
        if (first == null) {
            return new HeaderMatch(null, List.of("the file has no header row"));
        }
        if (first.cells().size() > limits.maxColumns()) {
            return new HeaderMatch(null, List.of("the file has " + first.cells().size() + " columns; the limit is "
                    + limits.maxColumns() + " (intake.limits.max-columns)"));
        }
        headerCells = List.copyOf(first.cells());
        HeaderMatcher matcher = new HeaderMatcher(template, ignoredHeader);
        SourceRecord second = nextRecord();
        HeaderMatch match;
        if (second != null && matcher.isReferenceRow(second.cells())) {
            SourceRecord third = nextRecord();
            SourceRecord fourth = nextRecord();
            descriptionCells = third == null ? List.of() : List.copyOf(third.cells());
            fileVersion = versionIn(first.cells(), fourth);
            match = matcher.match(first.cells(), second.cells());
            List<String> changes = changesSinceFileVersion(first.cells(), second.cells(), third, fourth);
            if (!changes.isEmpty()) {
                match = new HeaderMatch(match.layout(), List.of(changes.get(0)));
            }
        } else {
            pushedBack = second;
            match = matcher.match(first.cells(), null);
        }
        layout = match.layout();
        return match;
    }

    /** The file's third row when it has the template's four header rows (descriptions); empty otherwise. */
    public List<String> descriptionCells() {
        return descriptionCells;
    }

    /**
     * The template and version a file made from a template names in row 4 of its Template Version column, such as
     * {@code createProduct@1a2b3c4d}; {@code null} when it names none.
     */
    public String fileVersion() {
        return fileVersion;
    }

    private static String versionIn(List<String> labels, SourceRecord types) {
        if (types == null) {
            return null;
        }
        for (int i = 0; i < labels.size() && i < types.cells().size(); i++) {
            if (TemplateCsv.isVersionColumn(labels.get(i)) && !types.cells().get(i).isBlank()) {
                return types.cells().get(i).strip();
            }
        }
        return null;
    }

    /** The file's first row: its labels, or its only header row. */
    public List<String> headerCells() {
        return headerCells;
    }

    /** Reads the rows with this layout instead of the header's own match: the mapping a batch was given. */
    public void useLayout(FileLayout mapped) {
        this.layout = mapped;
        source.useLayout(mapped);
        if (pushedBack != null) {
            pushedBack = source.again(pushedBack);
        }
    }

    /**
     * When the file names the template version it was made from and that is not the current one, the changes that
     * matter, as one message; empty otherwise.
     */
    private List<String> changesSinceFileVersion(List<String> labels, List<String> references, SourceRecord third,
            SourceRecord fourth) {
        if (third == null || fourth == null) {
            return List.of();
        }
        List<String> types = fourth.cells();
        String fileVersion = null;
        for (int i = 0; i < labels.size() && i < types.size(); i++) {
            if (TemplateCsv.isVersionColumn(labels.get(i))) {
                fileVersion = types.get(i).strip();
            }
        }
        if (fileVersion == null || fileVersion.equals(template.version())) {
            return List.of();
        }
        List<String> changes = TemplateChanges.between(labels, references, third.cells(), types, template);
        if (changes.isEmpty()) {
            return List.of();
        }
        return List.of("the file was made from an older version of the template (" + fileVersion + "; now "
                + template.version() + "): " + String.join("; ", changes)
                + ". Download the current template and move the data into it");
    }

    /** The next row with at least one non-blank cell, or {@code null} at the end of the file. */
    public FileRow nextRow() {
        for (SourceRecord record = nextRecord(); record != null; record = nextRecord()) {
            if (!record.isBlank()) {
                return row(record);
            }
        }
        return null;
    }

    private FileRow row(SourceRecord record) {
        long rowNumber = record.number();
        List<String> cells = record.cells();
        int width = layout.fileColumns().size();
        String problem = record.problem();
        String problemField = null;
        Map.Entry<Integer, String> spoiled = spoiledField(record);
        if (problem == null && spoiled != null) {
            problemField = layout.fileColumns().get(spoiled.getKey()).reference();
            problem = "Row " + rowNumber + ", " + describe(spoiled.getKey()) + ": " + spoiled.getValue();
        }
        if (problem != null) {
            // The format's reader has said what is wrong with the record.
        } else if (cells.size() > width && !allBlank(cells.subList(width, cells.size()))) {
            problem = "Row " + rowNumber + " has " + cells.size() + " cells, but the header has " + width
                    + " columns; check for an unquoted comma";
        } else if (cells.size() < layout.neededWidth()) {
            problem = "Row " + rowNumber + " has " + cells.size() + " cells, but the header has " + width
                    + " columns; check for a missing cell or an unclosed quote";
        }
        List<String> kept = new ArrayList<>(cells.subList(0, Math.min(width, cells.size())));
        for (int i = 0; i < kept.size() && problem == null; i++) {
            if (layout.fileColumns().get(i).kind() == FileColumn.Kind.BLANK && !kept.get(i).isBlank()) {
                problem = "Row " + rowNumber + " has the value '" + Values.shorten(kept.get(i)) + "' in "
                        + ColumnNames.describe(i) + ", which has no header";
            }
        }
        for (int i = 0; i < kept.size(); i++) {
            String cell = kept.get(i);
            if (cell.indexOf('\0') >= 0) {
                cell = cell.replace("\0", "");
                problem = problem != null ? problem
                        : "Row " + rowNumber + ", " + ColumnNames.describe(i) + " contains a NUL character";
            }
            if (cell.length() > limits.maxCellLength()) {
                problem = problem != null ? problem : "Row " + rowNumber + ", " + ColumnNames.describe(i) + " has "
                        + cell.length() + " characters; the limit is " + limits.maxCellLength()
                        + " (intake.limits.max-cell-length)";
                cell = cell.substring(0, limits.maxCellLength());
            }
            kept.set(i, FormulaGuard.restore(cell));
        }
        return new FileRow(rowNumber, kept, problem, problemField);
    }

    /** The first cell the file itself spoiled (a workbook's error cell) in a column a field reads, or {@code null}. */
    private Map.Entry<Integer, String> spoiledField(SourceRecord record) {
        for (Map.Entry<Integer, String> cell : new TreeMap<>(record.cellProblems()).entrySet()) {
            int index = cell.getKey();
            if (index < layout.fileColumns().size()
                    && layout.fileColumns().get(index).kind() == FileColumn.Kind.FIELD) {
                return cell;
            }
        }
        return null;
    }

    /** A column by number, letter and header, such as {@code column 3 (C) 'Email Address'}. */
    private String describe(int index) {
        String header = index < headerCells.size() ? headerCells.get(index).strip() : "";
        return ColumnNames.describe(index) + (header.isEmpty() ? "" : " '" + Values.shorten(header) + "'");
    }

    private SourceRecord nextRecord() {
        if (pushedBack != null) {
            SourceRecord record = pushedBack;
            pushedBack = null;
            return record;
        }
        return source.next();
    }

    private static boolean allBlank(List<String> cells) {
        return cells.stream().allMatch(String::isBlank);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
