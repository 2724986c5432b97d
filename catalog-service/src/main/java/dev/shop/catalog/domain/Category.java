package dev.shop.catalog.domain;

import java.time.Instant;

/** A node of the category tree; {@code parentId} is null for a top-level category. */
public record Category(String id, String slug, String name, String description, String parentId, int sortOrder,
        Instant createdAt, Instant updatedAt, long version) {
}
