package dev.shop.catalog.application;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.smallrye.mutiny.Uni;

/**
 * Manual stock changes by admins (goods received, damage, stock-take). Each is audited: the change and its
 * {@code StockAdjusted} event (who, why, before, after) are one command of the product's entry, stored by the
 * aggregate store and run again on fresh state when a reservation moved the stock in between.
 */
@ApplicationScoped
public class StockAdjustments {

    /** The result of an adjustment. */
    public record Adjusted(String productId, String sku, int previousStock, int stock) {
    }

    private final ProductService products;
    private final StockLevels levels;
    private final ProductView view;

    public StockAdjustments(ProductService products, StockLevels levels, ProductView view) {
        this.products = products;
        this.levels = levels;
        this.view = view;
    }

    public Uni<Adjusted> adjust(String productId, int delta, String reason, String actorId) {
        ObjectId oid = ProductService.productId(productId);
        // The stock the command saw on its last (successful) run.
        AtomicInteger previous = new AtomicInteger();
        return products.modify(productId, entry -> {
            previous.set(entry.product().stock());
            return entry.adjustStock(delta, reason, actorId, Instant.now());
        })
                .map(entry -> new Adjusted(productId, entry.product().sku(), previous.get(), entry.product().stock()))
                .call(adjusted -> levels.announce(oid))
                .call(adjusted -> view.refresh(oid));
    }
}
