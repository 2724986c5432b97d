package dev.shop.catalog.persistence;

import java.time.Instant;

import dev.shop.catalog.domain.VehicleModel;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** A vehicle model; {@code _id} is {@code BRAND:MODEL}, which makes model codes unique per brand. */
@MongoEntity(collection = "vehicle_models")
public class VehicleModelDocument {
    public String id;
    public String brand;
    public String code;
    public String name;
    public Integer yearFrom;
    public Integer yearTo;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;

    public VehicleModel toDomain() {
        return new VehicleModel(brand, code, name, yearFrom, yearTo, createdAt, updatedAt, version);
    }
}
