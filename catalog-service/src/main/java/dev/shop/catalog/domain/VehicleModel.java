package dev.shop.catalog.domain;

import java.time.Instant;

/** A vehicle model of a brand; products list the models they fit. The code is unique within the brand. */
public record VehicleModel(String brand, String code, String name, Integer yearFrom, Integer yearTo,
        Instant createdAt, Instant updatedAt, long version) {

    /** The identity of a model across brands, e.g. {@code HONDA:CITY}. */
    public static String key(String brand, String code) {
        return brand + ":" + code;
    }

    public String key() {
        return key(brand, code);
    }

    /** The model with a new name and years (brand and code are its identity). */
    public VehicleModel edit(String newName, Integer newYearFrom, Integer newYearTo, Instant now) {
        return new VehicleModel(brand, code, newName, newYearFrom, newYearTo, createdAt, now, version);
    }
}
