package dev.shop.catalog.domain;

import java.time.Instant;

/** A node of the category tree; {@code parentId} is null for a top-level category. */
public record Category(String id, String slug, String name, String description, String parentId, int sortOrder,
        Instant createdAt, Instant updatedAt, long version) {

    /** The category with new fields; its place in the tree is checked against the tree by the caller. */
    public Category edit(String newName, String newSlug, String newParentId, int newSortOrder, String newDescription,
            Instant now) {
        return new Category(id, newSlug, newName, newDescription, newParentId, newSortOrder, createdAt, now, version);
    }
}
