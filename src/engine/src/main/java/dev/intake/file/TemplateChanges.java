package dev.intake.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * What changed between the template a file was made from, as its four header rows tell, and the current one:
 * the changes that would stop a row or silently lose a value. Columns that were removed or renamed, and columns
 * that became required, are named; new optional columns and new descriptions are not.
 */
public final class TemplateChanges {

    private TemplateChanges() {
    }

    /**
     * @param labels row 1 of the file
     * @param references row 2
     * @param descriptions row 3
     * @param types row 4
     */
    public static List<String> between(List<String> labels, List<String> references, List<String> descriptions,
            List<String> types, ImportTemplate current) {
        Map<String, Integer> fileColumns = new HashMap<>();
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i).strip();
            if (!reference.isEmpty()) {
                fileColumns.put(reference, i);
            }
        }
        List<String> changes = new ArrayList<>();
        fileColumns.forEach((reference, index) -> {
            if (current.column(reference).isEmpty()) {
                changes.add(renamedOrRemoved(reference, cell(labels, index), cell(descriptions, index), fileColumns, current));
            }
        });
        for (TemplateColumn column : current.columns()) {
            Integer index = fileColumns.get(column.reference());
            if (!column.required()) {
                continue;
            }
            if (index == null && !renamedTo(column, fileColumns, labels, descriptions, current)) {
                changes.add(describe(column) + " is new and required");
            } else if (index != null && cell(types, index).endsWith("(Optional)")) {
                changes.add(describe(column) + " is now required");
            }
        }
        changes.sort(null);
        return changes;
    }

    private static String renamedOrRemoved(String reference, String label, String description,
            Map<String, Integer> fileColumns, ImportTemplate current) {
        Optional<TemplateColumn> successor = current.columns().stream()
                .filter(column -> !fileColumns.containsKey(column.reference()))
                .filter(column -> column.label().equals(label) || (!description.isBlank()
                        && column.description().equals(description)))
                .findFirst();
        String old = label + " (" + reference + ")";
        return successor.map(column -> old + " was renamed to " + describe(column)).orElse(old + " was removed");
    }

    private static boolean renamedTo(TemplateColumn column, Map<String, Integer> fileColumns, List<String> labels,
            List<String> descriptions, ImportTemplate current) {
        for (Map.Entry<String, Integer> entry : fileColumns.entrySet()) {
            if (current.column(entry.getKey()).isEmpty() && (column.label().equals(cell(labels, entry.getValue()))
                    || (!column.description().isBlank() && column.description().equals(cell(descriptions, entry.getValue()))))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(TemplateColumn column) {
        return column.label() + " (" + column.reference() + ")";
    }

    private static String cell(List<String> row, int index) {
        return index < row.size() ? row.get(index).strip() : "";
    }
}
