package io.gridloop.shared.paging;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paged list: the items and, when more follow, the cursor for the next page. */
public record Page<T>(List<T> items,
        @Schema(description = "pass as ?cursor= for the next page; absent on the last page", nullable = true) String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that another
     * page exists, and the last returned item's key becomes the cursor.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, ToLongFunction<E> key, Function<E, T> view) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursors.encode(key.applyAsLong(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
