package dev.shop.catalog.persistence;

import java.time.Instant;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;

/** Update parts every write of a product document carries. */
public final class ProductWrites {

    private ProductWrites() {
    }

    /** Marks the document changed for the views of every instance (see ProductView). */
    public static Bson touch() {
        return Updates.combine(Updates.set("touchedAt", Instant.now()), Updates.inc("revision", 1L));
    }
}
