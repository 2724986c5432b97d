package dev.shop.catalog.domain;

import java.time.Instant;

/** A brand: a vehicle maker or parts manufacturer products are listed under. Its code is its identity. */
public record Brand(String code, String name, String description, Instant createdAt, Instant updatedAt,
        long version) {

    /** The brand with a new name and description (its code is its identity and never changes). */
    public Brand edit(String newName, String newDescription, Instant now) {
        return new Brand(code, newName, newDescription, createdAt, now, version);
    }
}
