package dev.shop.auth.domain;

import java.time.Instant;

/** One entry of a user's address book. */
public record Address(
        String id,
        String fullName,
        String phoneNumber,
        String line1,
        String line2,
        String landmark,
        String city,
        String state,
        String postalCode,
        String country,
        boolean isDefault,
        Instant createdAt,
        Instant updatedAt) {

    Address withDefault(boolean value, Instant now) {
        return value == isDefault ? this
                : new Address(id, fullName, phoneNumber, line1, line2, landmark, city, state, postalCode, country,
                        value, createdAt, now);
    }
}
