package dev.shop.catalog.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProductRepository implements ReactivePanacheMongoRepositoryBase<ProductDocument, ObjectId> {

    /** Products not deleted that reference the brand, directly or through their fitment. */
    public Uni<Long> countUsingBrand(String brand) {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("brandKeys", brand),
                Filters.ne("deleted", true)));
    }

    public Uni<Long> countFitting(String modelKey) {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("fitmentKeys", modelKey),
                Filters.ne("deleted", true)));
    }

    public Uni<Long> countInCategory(String categoryId) {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("categoryId", categoryId),
                Filters.ne("deleted", true)));
    }

    /** A product that is not deleted, or null. */
    public Uni<ProductDocument> findLive(ObjectId id) {
        return mongoCollection().find(Filters.and(Filters.eq("_id", id), Filters.ne("deleted", true)))
                .collect().first();
    }
}
