package dev.intake.undo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;

/**
 * The records committed rows left, and updates found, kept for a rollback. An in-process row's images are in its
 * outcome row (written with it, see {@link dev.intake.batch.OutcomeStore}); a remote row's are in
 * {@code import_row_image}, since they are read before the row is sent. Readers take both.
 */
@ApplicationScoped
public class ImageStore {

    @Inject
    Jdbc jdbc;

    /**
     * Writes images in the caller's transaction, apart from any outcome row: for images whose row has no outcome among
     * those written with them (none is expected; an in-process row's images go into its outcome row).
     */
    public void insertAll(UUID batchId, List<RowImage> images) {
        if (images.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into intake.import_row_image (batch_id, row_number, before, after, input)
                select ?, i.row_number, cast(i.before as json), cast(i.after as json), cast(i.input as json)
                from unnest(?, ?, ?, ?) as i(row_number, before, after, input)
                """, batchId, images.stream().map(image -> Math.toIntExact(image.rowNumber())).toArray(Integer[]::new),
                images.stream().map(RowImage::before).toArray(String[]::new),
                images.stream().map(RowImage::after).toArray(String[]::new),
                images.stream().map(RowImage::input).toArray(String[]::new));
    }

    /**
     * Keeps remote rows' records as they were before the rows were sent, and the inputs their undo takes; a row that
     * has an image keeps it (it was read before the row was first sent).
     */
    public void keepBefore(UUID batchId, Map<Long, Map<String, Object>> before, Map<Long, Map<String, Object>> inputs) {
        java.util.SortedSet<Long> rows = new java.util.TreeSet<>(before.keySet());
        rows.addAll(inputs.keySet());
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into intake.import_row_image (batch_id, row_number, before, input)
                select ?, i.row_number, cast(i.before as json), cast(i.input as json)
                from unnest(?, ?, ?) as i(row_number, before, input)
                on conflict (batch_id, row_number) do nothing
                """, batchId, rows.stream().map(Math::toIntExact).toArray(Integer[]::new),
                rows.stream().map(row -> RecordImages.json(before.get(row))).toArray(String[]::new),
                rows.stream().map(row -> RecordImages.json(inputs.get(row))).toArray(String[]::new));
    }

    /** Keeps remote rows' records as the rows left them, beside their images before. */
    public void keepAfter(UUID batchId, List<RowImage> after) {
        if (after.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into intake.import_row_image (batch_id, row_number, after)
                select ?, i.row_number, cast(i.after as json) from unnest(?, ?) as i(row_number, after)
                on conflict (batch_id, row_number) do update set after = excluded.after
                """, batchId, after.stream().map(image -> Math.toIntExact(image.rowNumber())).toArray(Integer[]::new),
                after.stream().map(RowImage::after).toArray(String[]::new));
    }

    /** The rows between these numbers that wrote a record and have no image of it after: their records' IDs. */
    public Map<Long, String> withoutAfter(UUID batchId, long firstRow, long lastRow) {
        Map<Long, String> rows = new LinkedHashMap<>();
        jdbc.<Map.Entry<Long, String>>list("""
                select o.row_number, o.entity_id from intake.import_outcome o
                left join intake.import_row_image i on i.batch_id = o.batch_id and i.row_number = o.row_number
                where o.batch_id = ? and o.row_number between ? and ? and o.success and o.entity_id is not null
                  and o.after is null and i.after is null
                order by o.row_number
                """, row -> Map.entry(row.getLong("row_number"), row.getString("entity_id")), batchId, firstRow,
                lastRow).forEach(row -> rows.put(row.getKey(), row.getValue()));
        return rows;
    }

    /** The images of the rows between these numbers, by row number. */
    public Map<Long, RowImage> findAll(UUID batchId, long firstRow, long lastRow) {
        Map<Long, RowImage> images = new java.util.HashMap<>();
        jdbc.list("""
                select row_number, before::text as before, after::text as after, input::text as input
                from intake.import_row_image where batch_id = ? and row_number between ? and ?
                union all
                select row_number, before::text, after::text, input::text
                from intake.import_outcome where batch_id = ? and row_number between ? and ?
                  and (before is not null or after is not null or input is not null)
                """, row -> new RowImage(row.getLong("row_number"), row.getString("before"), row.getString("after"),
                row.getString("input")), batchId, firstRow, lastRow, batchId, firstRow, lastRow)
                .forEach(image -> images.put(image.rowNumber(), image));
        return images;
    }
}
