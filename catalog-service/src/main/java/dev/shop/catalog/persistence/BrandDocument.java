package dev.shop.catalog.persistence;

import java.time.Instant;

import dev.shop.catalog.domain.Brand;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** A brand; {@code _id} is its code, which makes codes unique. */
@MongoEntity(collection = "brands")
public class BrandDocument {
    public String id;
    public String name;
    public String description;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;

    public Brand toDomain() {
        return new Brand(id, name, description, createdAt, updatedAt, version);
    }
}
