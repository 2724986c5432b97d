package dev.shop.kit.page;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer: {@code {"items": [...], "page": 0, "size": 20, "total": 57}} (docs/api.md).
 *
 * @param items the items of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param total number of items over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R> map(mapper).toList(), page, size, total);
    }
}
