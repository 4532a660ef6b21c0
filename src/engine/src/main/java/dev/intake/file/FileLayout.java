package dev.intake.file;

import java.util.List;
import java.util.Map;

import dev.intake.template.TemplateColumn;

/**
 * How an uploaded file lines up with its template, fixed when the file is validated so that processing and the
 * report files never depend on a template that changed since.
 *
 * @param headerRows 4 for a file that carries the template's header rows, 1 for a single header row
 * @param fileColumns what each column of the file holds, in file order
 * @param templateColumns the template's columns at validation time, in template order
 * @param templateVersion the template's version at validation time
 * @param valueMaps by template reference, cell values a person mapped to values the field accepts (a mapping
 *        step's value maps), applied before a row's value is coerced
 * @param lookupPolicies by template reference of a lookup column, what happens when its value matches no record;
 *        {@link LookupPolicy#FAIL} where absent
 * @param decimalComma whether Number and Decimal cells may write a decimal comma ({@code 12,5}): a
 *        semicolon-separated file, as Excel writes them where decimals have commas
 */
public record FileLayout(int headerRows, List<FileColumn> fileColumns, List<TemplateColumn> templateColumns,
        String templateVersion, Map<String, Map<String, String>> valueMaps, Map<String, LookupPolicy> lookupPolicies,
        boolean decimalComma) {

    public FileLayout {
        fileColumns = List.copyOf(fileColumns);
        templateColumns = List.copyOf(templateColumns);
        valueMaps = valueMaps == null ? Map.of() : Map.copyOf(valueMaps);
        lookupPolicies = lookupPolicies == null ? Map.of() : Map.copyOf(lookupPolicies);
    }

    public FileLayout(int headerRows, List<FileColumn> fileColumns, List<TemplateColumn> templateColumns,
            String templateVersion) {
        this(headerRows, fileColumns, templateColumns, templateVersion, Map.of(), Map.of(), false);
    }

    /** The same layout, with or without decimal commas. */
    public FileLayout withDecimalComma(boolean allowed) {
        return new FileLayout(headerRows, fileColumns, templateColumns, templateVersion, valueMaps, lookupPolicies,
                allowed);
    }

    /** The policy of a lookup column; {@code null} when the batch has no mapping that set one. */
    public LookupPolicy lookupPolicy(String reference) {
        return lookupPolicies.get(reference);
    }

    /** How many cells a row needs: up to its last column that holds a field; later columns are ignored anyway. */
    public int neededWidth() {
        for (int f = fileColumns.size() - 1; f >= 0; f--) {
            if (fileColumns.get(f).kind() == FileColumn.Kind.FIELD) {
                return f + 1;
            }
        }
        return 0;
    }

    /** The file column index of each template column, -1 where the file lacks it. */
    public int[] fileIndexOfTemplateColumns() {
        int[] indexes = new int[templateColumns.size()];
        for (int t = 0; t < templateColumns.size(); t++) {
            indexes[t] = indexOf(templateColumns.get(t).reference());
        }
        return indexes;
    }

    private int indexOf(String reference) {
        for (int f = 0; f < fileColumns.size(); f++) {
            if (reference.equals(fileColumns.get(f).reference())) {
                return f;
            }
        }
        return -1;
    }
}
