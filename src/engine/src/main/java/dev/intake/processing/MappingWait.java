package dev.intake.processing;

import java.util.ArrayList;
import java.util.List;

import dev.intake.batch.ImportBatch;
import dev.intake.file.FileRow;
import dev.intake.mapping.MappingProposal;

/** What a batch that waits for a person to map its columns shows: each column's samples, and why it waits. */
final class MappingWait {

    private MappingWait() {
    }

    /** Up to three distinct non-blank values of each column, from the first rows. */
    static List<List<String>> samples(List<FileRow> rows, int width) {
        List<List<String>> samples = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            samples.add(new ArrayList<>());
        }
        for (FileRow row : rows) {
            for (int i = 0; i < width && i < row.cells().size(); i++) {
                String cell = row.cells().get(i);
                if (!cell.isBlank() && samples.get(i).size() < 3 && !samples.get(i).contains(cell)) {
                    samples.get(i).add(cell);
                }
            }
        }
        return samples;
    }

    /**
     * Why the batch waits: for a person to review a mapping the upload asked to review, or to map columns that are not
     * the template's; with the required fields no column maps to, the columns that map to no field, and the values to
     * map.
     */
    static String message(ImportBatch batch, MappingProposal proposal, boolean review, double autoAccept) {
        long refused = proposal.values().stream().mapToLong(column -> column.unmatched().size()).sum();
        long unsure = proposal.columns().stream().filter(column -> !column.header().isBlank() && !column.ignored()
                && column.reference() == null).count();
        boolean reviewOnly = review && proposal.acceptable(autoAccept);
        StringBuilder message = new StringBuilder(reviewOnly
                ? "The upload asked for a person to review its column mapping; waiting for them to confirm it (mapColumns)"
                : "The columns of " + batch.filename() + " are not the template's; waiting for a person to map them "
                        + "(mapColumns)");
        if (!proposal.missingRequired().isEmpty()) {
            message.append(". No column maps to the required ").append(String.join(", ", proposal.missingRequired()));
        }
        if (unsure > 0) {
            message.append(". ").append(unsure).append(unsure == 1 ? " column maps" : " columns map").append(" to no field");
        }
        if (refused > 0) {
            message.append(". ").append(refused).append(refused == 1 ? " value needs" : " values need")
                    .append(" mapping to a value its field accepts, or, in a lookup column, to a record (or a lookup policy)");
        }
        return message.append('.').toString();
    }
}
