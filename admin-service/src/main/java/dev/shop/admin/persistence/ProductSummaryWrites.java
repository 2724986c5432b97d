package dev.shop.admin.persistence;

import static dev.shop.admin.persistence.ProjectionWrites.EPOCH;
import static dev.shop.admin.persistence.ProjectionWrites.date;

import java.time.Instant;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.catalog.StockAdjusted;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Writes of the product and stock summary. Product snapshots carry the product's version: a snapshot replaces what is
 * stored only when its version is higher, and never once the product was deleted.
 */
public final class ProductSummaryWrites {

    private ProductSummaryWrites() {
    }

    public static Uni<Void> ensure(ReactiveMongoCollection<Document> target, String productId) {
        return ProjectionWrites.ensure(target, productId, new Document("version", -1L).append("deleted", false)
                .append("lowStockAt", EPOCH).append("adjustedAt", EPOCH));
    }

    public static Uni<Boolean> snapshot(ReactiveMongoCollection<Document> target, ProductSnapshot p) {
        return target.updateOne(Filters.and(Filters.eq("_id", p.productId()), Filters.lt("version", p.version()),
                Filters.ne("deleted", true)),
                Updates.combine(Updates.set("sku", p.sku()), Updates.set("name", p.name()),
                        Updates.set("slug", p.slug()), Updates.set("brand", p.brand()),
                        Updates.set("categoryId", p.categoryId()), Updates.set("price", MoneyDocument.of(p.price())),
                        Updates.set("effectivePrice", MoneyDocument.of(p.effectivePrice())),
                        Updates.set("stock", p.stock()), Updates.set("status", p.status()),
                        Updates.set("imageUrl", p.imageUrl()), Updates.set("updatedAt", date(p.updatedAt())),
                        Updates.set("version", p.version())))
                .map(result -> result.getModifiedCount() > 0);
    }

    public static Uni<Void> deleted(ReactiveMongoCollection<Document> target, String productId, String sku,
            Instant deletedAt) {
        return ProjectionWrites.setFacts(target, productId, Updates.combine(Updates.set("deleted", true),
                Updates.set("sku", sku), Updates.set("deletedAt", date(deletedAt))));
    }

    public static Uni<Boolean> stockLow(ReactiveMongoCollection<Document> target, String productId, int stock,
            Instant at) {
        return ProjectionWrites.setIfNewer(target, productId, "lowStockAt", date(at),
                Updates.set("lowStockLevel", stock));
    }

    public static Uni<Boolean> adjusted(ReactiveMongoCollection<Document> target, StockAdjusted adjusted,
            Instant at) {
        Document adjustment = new Document("delta", adjusted.delta()).append("previousStock", adjusted.previousStock())
                .append("newStock", adjusted.newStock()).append("reason", adjusted.reason())
                .append("actorId", adjusted.actorId()).append("at", date(at));
        return ProjectionWrites.setIfNewer(target, adjusted.productId(), "adjustedAt", date(at),
                Updates.set("lastAdjustment", adjustment));
    }
}
