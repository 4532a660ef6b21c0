package dev.intake.imports;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, in the list's order, with the cursor of each item and whether more follow.
 *
 * @param items the items of the page
 * @param cursors the cursor after each item, the same length as {@code items}
 * @param hasNextPage whether the list goes on after the last item
 */
public record Page<T>(List<T> items, List<String> cursors, boolean hasNextPage) {

    public Page {
        items = List.copyOf(items);
        cursors = List.copyOf(cursors);
    }

    /** A page of at most {@code limit} items from what a store answered for {@code limit + 1}. */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursor) {
        List<T> items = fetched.subList(0, Math.min(limit, fetched.size()));
        return new Page<>(items, items.stream().map(cursor).toList(), fetched.size() > limit);
    }

    /** The cursor of the last item, or {@code null} for an empty page. */
    public String endCursor() {
        return cursors.isEmpty() ? null : cursors.get(cursors.size() - 1);
    }
}
