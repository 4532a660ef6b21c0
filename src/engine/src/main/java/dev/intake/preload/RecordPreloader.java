package dev.intake.preload;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A seam for the domain behind the mutations: before a chunk's rows run, it loads the records they will find by
 * ID or by a natural key, in one query for the chunk, into the transaction the rows then run in. A mutation that
 * finds its record by primary key then finds it in the persistence context, and one that finds it by a natural
 * key asks {@link #preload}'s memory instead of sending a query per row; a query per row would also make the ORM
 * flush, one by one, every row written before it in the chunk.
 * <p>
 * The engine calls it in each transaction a chunk's rows run in, after its lookups are resolved and before any row
 * runs. It knows nothing of the records: which mutations a preloader serves, and what it loads, are the domain's.
 */
public interface RecordPreloader {

    /** The mutations (template names) whose rows this preloads for. */
    Set<String> mutations();

    /**
     * Loads what the rows will look for.
     *
     * @param mutation the template being imported
     * @param organisation the uploader's organisation, whose records alone the rows may find
     * @param variables each row's variables, as its mutation receives them, such as {@code {input: {id: …}}}
     */
    void preload(String mutation, String organisation, List<Map<String, Object>> variables);
}
