package dev.shop.order.application;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.order.persistence.ProductViewRepository;
import io.smallrye.mutiny.Uni;

/** Keeps the products analytics shows (name, image, price, category, status) from the catalogue's product events. */
@ApplicationScoped
public class ProductViews {

    private final ProductViewRepository views;

    public ProductViews(ProductViewRepository views) {
        this.views = views;
    }

    /** A product was created or changed; an older version than the one held is ignored. */
    public Uni<Void> changed(ProductSnapshot product, Instant at) {
        if (product == null || product.productId() == null) {
            return Uni.createFrom().voidItem();
        }
        return views.apply(product, at);
    }

    public Uni<Void> deleted(String productId, Instant at) {
        return views.deleted(productId, at);
    }
}
