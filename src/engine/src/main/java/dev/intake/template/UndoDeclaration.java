package dev.intake.template;

/**
 * What a mutation declares about undoing its rows, by the names the schema gives ({@code @importAction(undo: ...,
 * restore: ..., read: ..., clear: ...)}, or the same keys of a target's overlay); each {@code null} when not said.
 *
 * @param undo the mutation that undoes a row: one that deletes a created record by its ID, or an update that restores
 *        an updated one
 * @param restore for a mutation whose rows create or update (an upsert), the update that restores the records its
 *        rows updated, while {@code undo} deletes those they created
 * @param read the query that reads records by their ID, for their values before and after a row
 * @param clear the field of the restoring update's input that lists the fields to set empty, such as {@code clear}
 */
public record UndoDeclaration(String undo, String restore, String read, String clear) {

    public static final UndoDeclaration NONE = new UndoDeclaration(null, null, null, null);

    public UndoDeclaration {
        undo = blankAsNull(undo);
        restore = blankAsNull(restore);
        read = blankAsNull(read);
        clear = blankAsNull(clear);
    }

    /** Whether an undo or a restore is named. */
    public boolean any() {
        return undo != null || restore != null;
    }

    private static String blankAsNull(String name) {
        return name == null || name.isBlank() ? null : name;
    }
}
