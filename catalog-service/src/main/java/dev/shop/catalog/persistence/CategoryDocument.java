package dev.shop.catalog.persistence;

import java.time.Instant;

import org.bson.types.ObjectId;

import dev.shop.catalog.domain.Category;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** A category; the tree is held by {@code parentId} links, slugs are unique (index). */
@MongoEntity(collection = "categories")
public class CategoryDocument {
    public ObjectId id;
    public String slug;
    public String name;
    public String description;
    public String parentId;
    public int sortOrder;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;

    public Category toDomain() {
        return new Category(id.toHexString(), slug, name, description, parentId, sortOrder, createdAt, updatedAt,
                version);
    }
}
