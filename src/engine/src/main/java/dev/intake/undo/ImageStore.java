package dev.intake.undo;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/** The records committed rows left, and updates found, kept for a rollback: one row per committed row that has any. */
@ApplicationScoped
public class ImageStore {

    @Inject
    Jdbc jdbc;

    /** Writes a segment's images, in the transaction of its rows and outcomes. */
    public void insertAll(UUID batchId, List<RowImage> images) {
        if (images.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into intake.import_row_image (batch_id, row_number, before, after)
                select ?, i.row_number, cast(i.before as jsonb), cast(i.after as jsonb)
                from unnest(?, ?, ?) as i(row_number, before, after)
                """, batchId, images.stream().map(image -> Math.toIntExact(image.rowNumber())).toArray(Integer[]::new),
                images.stream().map(RowImage::before).toArray(String[]::new),
                images.stream().map(RowImage::after).toArray(String[]::new));
    }

    public Optional<RowImage> find(UUID batchId, long rowNumber) {
        return jdbc.first("""
                select row_number, before::text as before, after::text as after from intake.import_row_image
                where batch_id = ? and row_number = ?
                """, row -> new RowImage(row.getLong("row_number"), row.getString("before"), row.getString("after")),
                batchId, rowNumber);
    }
}
