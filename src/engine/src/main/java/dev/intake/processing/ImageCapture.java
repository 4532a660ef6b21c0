package dev.intake.processing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.intake.batch.RowOutcome;
import dev.intake.undo.RecordImages;
import dev.intake.undo.RowImage;

/**
 * Takes the images of the records a segment's rows write, for a later rollback: before the rows (an update's records)
 * and after them (every committed row's record), in the segment's transaction. {@link #NONE} for a template that keeps
 * none, or a dry run.
 */
interface ImageCapture {

    ImageCapture NONE = new ImageCapture() {
        @Override
        public Taken before(List<PreparedRow> segment) {
            return Taken.NOTHING;
        }

        @Override
        public List<RowImage> after(List<RowOutcome> written, Taken before, Map<Long, Map<?, ?>> answers) {
            return List.of();
        }
    };

    /** What was taken before the rows ran, by row number: their records, and the values of their input kept. */
    record Taken(Map<Long, Map<String, Object>> records, Map<Long, Map<String, Object>> inputs) {

        static final Taken NOTHING = new Taken(Map.of(), Map.of());
    }

    /** The records the segment's rows name, as they are before the rows run, and the inputs their undo takes. */
    Taken before(List<PreparedRow> segment);

    /**
     * The images of the rows that succeeded: their answers, where the mutation answers the read's fields, or else
     * read now.
     */
    List<RowImage> after(List<RowOutcome> written, Taken before, Map<Long, Map<?, ?>> answers);

    /** Images read through the template's read query, in the rows' session. */
    static ImageCapture of(RecordImages images) {
        return new ImageCapture() {
            @Override
            public Taken before(List<PreparedRow> segment) {
                Map<Long, Map<String, Object>> variables = new LinkedHashMap<>();
                for (PreparedRow row : segment) {
                    if (row.decided() == null) {
                        variables.put(row.rowNumber(), row.variables());
                    }
                }
                return new Taken(images.before(variables), images.inputs(variables));
            }

            @Override
            public List<RowImage> after(List<RowOutcome> written, Taken before, Map<Long, Map<?, ?>> answers) {
                Map<Long, String> committed = new LinkedHashMap<>();
                for (RowOutcome outcome : written) {
                    if (outcome.success() && outcome.entityId() != null) {
                        committed.put(outcome.rowNumber(), outcome.entityId());
                    }
                }
                return images.after(committed, before.records(), answers, before.inputs());
            }
        };
    }
}
