package dev.intake.retry;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.RowErrorType;
import dev.intake.db.Jdbc;

/** The rows of retries: a parent's failed rows staged again for its child, and how many a descendant resolved. */
@ApplicationScoped
public class RetryStore {

    /**
     * The rows of a batch (the first parameter) that a descendant imported: a child's imported row resolves the parent
     * row it stands for, and a grandchild's the child's, up to the batch.
     */
    private static final String RESOLVED = """
            with recursive tree (id, parent_id) as (
                select id, parent_id from intake.import_batch where parent_id = ?
                union all
                select b.id, b.parent_id from intake.import_batch b join tree t on b.parent_id = t.id
            ), resolved (batch_id, row_number) as (
                select t.parent_id, r.parent_row
                from tree t
                join intake.import_outcome o on o.batch_id = t.id and o.success
                join intake.import_row r on r.batch_id = o.batch_id and r.row_number = o.row_number
                where r.parent_row is not null
                union
                select t.parent_id, r.parent_row
                from resolved s
                join tree t on t.id = s.batch_id
                join intake.import_row r on r.batch_id = s.batch_id and r.row_number = s.row_number
                where r.parent_row is not null
            )
            """;

    /** The failed rows of the batch (the second parameter) of the types asked for (the third and fourth). */
    private static final String RETRIED = """
            not o.success
            and case when cardinality(?::text[]) = 0 then o.error_type not in ('PARSE', 'OUTCOME_UNKNOWN')
                     else o.error_type = any (?::text[]) end
            and not exists (select 1 from resolved s where s.batch_id = o.batch_id and s.row_number = o.row_number)
            """;

    @Inject
    Jdbc jdbc;

    /**
     * Stages the parent's failed rows of the given error types (all but PARSE and OUTCOME_UNKNOWN when none are given)
     * again as the child's, under the same row numbers, leaving out those a descendant imported since; answers their
     * row numbers in order.
     */
    public List<Long> copyFailedRows(UUID parent, UUID child, Collection<RowErrorType> types) {
        String[] wanted = types.stream().map(Enum::name).toArray(String[]::new);
        jdbc.update(RESOLVED + """
                insert into intake.import_row (batch_id, row_number, cells, parse_error, problem_field, parent_row)
                select ?, r.row_number, r.cells, r.parse_error, r.problem_field, r.row_number
                from intake.import_row r
                join intake.import_outcome o on o.batch_id = r.batch_id and o.row_number = r.row_number
                where r.batch_id = ?
                """ + " and " + RETRIED, parent, child, parent, wanted, wanted);
        return jdbc.list("select row_number from intake.import_row where batch_id = ? order by row_number",
                row -> row.getLong("row_number"), child);
    }

    /**
     * Ties each staged row of a child to its parent's row by the number in one of its cells (an exceptions file's
     * Row Number column, 1-based {@code cell}); a cell that names no failed row of the parent ties nothing.
     */
    public int tieRows(UUID child, UUID parent, int cell) {
        return jdbc.update("""
                update intake.import_row r set parent_row = cast(r.cells[?] as integer)
                where r.batch_id = ? and r.cells[?] ~ '^\\s*[0-9]{1,9}\\s*$'
                  and exists (select 1 from intake.import_outcome o where o.batch_id = ? and not o.success
                              and o.row_number = cast(r.cells[?] as integer))
                """, cell, child, cell, parent, cell);
    }

    /** How many of the batch's failed rows a descendant imported since. */
    public long resolvedCount(UUID batch) {
        return jdbc.first(RESOLVED + """
                select count(*) as n from intake.import_outcome o
                where o.batch_id = ? and not o.success
                  and exists (select 1 from resolved s where s.batch_id = o.batch_id and s.row_number = o.row_number)
                """, row -> row.getLong("n"), batch, batch).orElse(0L);
    }
}
