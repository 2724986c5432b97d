package dev.shop.catalog.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.shop.kit.mongo.IndexCreation;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The catalogue's indexes. Unique indexes carry business rules (one SKU, one slug, one review per user and product),
 * so writes that rely on them wait for {@link #ready()}; creation starts on boot without holding it up (a missing
 * database must not block startup for 30 s) and is retried by the next write if it failed.
 */
@ApplicationScoped
public class MongoIndexes {

    private final ReactiveMongoDatabase database;
    private final IndexCreation indexes = new IndexCreation("catalog", this::create);

    public MongoIndexes(BrandRepository brands) {
        this.database = brands.mongoDatabase();
    }

    void onStart(@Observes StartupEvent event) {
        indexes.start();
    }

    /** Completes once every index exists; a failed attempt is retried by the next caller. */
    public Uni<Void> ready() {
        return indexes.ready();
    }

    private List<Uni<?>> create() {
        IndexOptions unique = new IndexOptions().unique(true);
        return List.of(
                index("categories", Indexes.ascending("slug"), unique),
                index("products", Indexes.ascending("sku"), unique),
                index("products", Indexes.ascending("slug"), unique),
                index("products", Indexes.ascending("touchedAt"), new IndexOptions()),
                index("products", Indexes.ascending("brandKeys"), new IndexOptions()),
                index("products", Indexes.ascending("fitmentKeys"), new IndexOptions()),
                index("products", Indexes.ascending("categoryId"), new IndexOptions()),
                index("products", Indexes.ascending("stockDirty"), new IndexOptions()),
                index("reviews", Indexes.ascending("ownerKey"), unique),
                index("reviews", Indexes.compoundIndex(Indexes.ascending("productId"), Indexes.descending("createdAt")),
                        new IndexOptions()));
    }

    private Uni<String> index(String collection, Bson keys, IndexOptions options) {
        ReactiveMongoCollection<Document> c = database.getCollection(collection);
        return c.createIndex(keys, options);
    }
}
