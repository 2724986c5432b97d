package dev.shop.catalog.application;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.catalog.domain.Product;
import dev.shop.catalog.domain.ProductImage;
import dev.shop.contracts.catalog.Fitment;
import dev.shop.contracts.catalog.Offer;
import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.Topics;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;

/** The product events of {@code shop.catalog.products.v1}, ready for a product document's outbox. */
@ApplicationScoped
public class ProductEvents {

    private final Outbox outbox;

    public ProductEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param announcedStock the stock level this event announces: the document's {@code publishedStock}, so the
     *        levels other services see never go back in time (see StockLevels)
     */
    public OutboxEvent created(Product product, int announcedStock) {
        return outbox.event(Topics.CATALOG_PRODUCTS, ProductCreated.TYPE, ProductCreated.VERSION, product.id(),
                new ProductCreated(snapshot(product, announcedStock)));
    }

    public OutboxEvent updated(Product product, int announcedStock, List<String> changes) {
        return outbox.event(Topics.CATALOG_PRODUCTS, ProductUpdated.TYPE, ProductUpdated.VERSION, product.id(),
                new ProductUpdated(snapshot(product, announcedStock), changes));
    }

    public OutboxEvent deleted(Product product, Instant at) {
        return outbox.event(Topics.CATALOG_PRODUCTS, ProductDeleted.TYPE, ProductDeleted.VERSION, product.id(),
                new ProductDeleted(product.id(), product.sku(), at));
    }

    static ProductSnapshot snapshot(Product p, int stock) {
        Instant now = Instant.now();
        ProductImage image = p.primaryImage();
        return new ProductSnapshot(p.id(), p.sku(), p.name(), p.slug(), p.brand(),
                p.models().stream().map(f -> new Fitment(f.brand(), f.model())).toList(),
                p.categoryId(),
                new Money(p.price(), p.currency()),
                p.offer() == null ? null
                        : new Offer(p.offer().percent(), p.offer().validFrom(), p.offer().validTo(),
                                p.offer().label()),
                new Money(p.effectivePrice(now), p.currency()),
                stock, p.status().wire(),
                image == null ? null : image.url(),
                p.version(), p.updatedAt());
    }
}
