package dev.intake.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.intake.template.HeaderKey;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * Matches the header of an uploaded file to a template's columns.
 * <p>
 * A file either carries the template's four header rows (recognised by its second row holding field
 * references) or one header row whose cells are references ({@code input/emailAddress}), labels
 * ({@code Email Address}) or field names ({@code emailAddress}). Case, surrounding spaces and a leading
 * apostrophe do not matter. The columns Intake adds to the files it writes (the report columns) are ignored: the
 * caller says which they are.
 */
public final class HeaderMatcher {

    private static final java.util.regex.Pattern REFERENCE_SHAPE = java.util.regex.Pattern
            .compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)+");

    private final ImportTemplate template;
    private final Predicate<String> ignored;
    private final Map<String, TemplateColumn> byReference = new HashMap<>();
    private final Map<String, TemplateColumn> byAnyName = new HashMap<>();
    private final Set<String> references = new HashSet<>();

    /**
     * @param ignored whether a header cell names a column Intake adds to the files it writes, which the file may
     *        carry and which is not imported
     */
    public HeaderMatcher(ImportTemplate template, Predicate<String> ignored) {
        this.template = template;
        this.ignored = ignored;
        Map<String, Set<TemplateColumn>> names = new LinkedHashMap<>();
        for (TemplateColumn column : template.columns()) {
            byReference.put(HeaderKey.of(column.reference()), column);
            references.add(column.reference());
            for (String name : List.of(column.reference(), withoutArgument(column.reference()), column.label(),
                    column.fieldName())) {
                names.computeIfAbsent(HeaderKey.of(name), key -> new HashSet<>()).add(column);
            }
        }
        names.forEach((key, columns) -> {
            if (columns.size() == 1) {
                byAnyName.put(key, columns.iterator().next());
            }
        });
    }

    /**
     * Whether a row looks like row 2 of a template: every non-blank cell is shaped like a reference
     * ({@code input/emailAddress}) or is exactly one of this template's, and at least one is a reference of this template. An older version of the
     * template still qualifies, so that what changed since can be told.
     */
    public boolean isReferenceRow(List<String> row) {
        boolean any = false;
        for (String cell : row) {
            String key = HeaderKey.of(cell);
            if (key.isEmpty() || ignored.test(cell)) {
                continue;
            }
            // an argument that is a value itself (idempotencyKey: String) has a reference without a slash
            if (!REFERENCE_SHAPE.matcher(cell.strip()).matches() && !references.contains(cell.strip())) {
                return false;
            }
            any |= byReference.containsKey(key);
        }
        return any;
    }

    /**
     * Matches the header.
     *
     * @param labels the first row of the file
     * @param references the second row when the file carries the template's four header rows, else {@code null}
     */
    public HeaderMatch match(List<String> labels, List<String> references) {
        List<String> problems = new ArrayList<>();
        List<FileColumn> fileColumns = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int width = Math.max(labels.size(), references == null ? 0 : references.size());
        for (int i = 0; i < width; i++) {
            String reference = references == null ? "" : cell(references, i);
            String header = HeaderKey.of(reference).isEmpty() ? cell(labels, i) : reference;
            fileColumns.add(classify(i, header, seen, problems));
        }
        for (TemplateColumn column : template.columns()) {
            if (column.required() && !seen.containsKey(column.reference())) {
                problems.add("the required column " + describe(column) + " is missing");
            }
        }
        int headerRows = references == null ? 1 : 4;
        return new HeaderMatch(new FileLayout(headerRows, fileColumns, template.columns(), template.version()), problems);
    }

    private FileColumn classify(int index, String header, Map<String, Integer> seen, List<String> problems) {
        String key = HeaderKey.of(header);
        if (key.isEmpty()) {
            return FileColumn.BLANK;
        }
        TemplateColumn column = byAnyName.get(key);
        if (column == null) {
            if (ignored.test(header)) {
                return FileColumn.REPORT;
            }
            problems.add(ColumnNames.describe(index) + " '" + Values.shorten(header.strip()) + "' is not a field of "
                    + template.name() + "; expected one of " + expectedNames());
            return FileColumn.BLANK;
        }
        Integer earlier = seen.putIfAbsent(column.reference(), index);
        if (earlier != null) {
            problems.add(ColumnNames.describe(earlier) + " and " + ColumnNames.describe(index) + " both hold "
                    + describe(column));
        }
        return FileColumn.field(column.reference());
    }

    private String expectedNames() {
        return String.join(", ", template.columns().stream().map(TemplateColumn::reference).toList());
    }

    private static String describe(TemplateColumn column) {
        return column.label() + " (" + column.reference() + ")";
    }

    private static String cell(List<String> row, int index) {
        return index < row.size() && row.get(index) != null ? row.get(index) : "";
    }

    private static String withoutArgument(String reference) {
        int slash = reference.indexOf('/');
        return slash < 0 ? reference : reference.substring(slash + 1);
    }
}
