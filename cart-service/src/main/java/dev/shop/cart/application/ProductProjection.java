package dev.shop.cart.application;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.domain.Offer;
import dev.shop.cart.domain.ProductStatus;
import dev.shop.cart.persistence.ProductRepository;
import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.events.EventJson;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the product read model in step with the catalogue's events. Applying an event twice, or an older one after a
 * newer one, leaves the newest state (see ProductRepository); carts are not touched: they are priced from the read
 * model whenever they are read.
 */
@ApplicationScoped
public class ProductProjection {

    private final ProductRepository products;
    private final ProductCatalogue catalogue;

    public ProductProjection(ProductRepository products, ProductCatalogue catalogue) {
        this.products = products;
        this.catalogue = catalogue;
    }

    /** A product was created or changed; {@code announcedAt} is the event's {@code occurredAt}. */
    public Uni<Void> apply(ProductSnapshot snapshot, Instant announcedAt) {
        CatalogueProduct product = toDomain(snapshot);
        return products.storeIfNewer(product, announcedAt, ProductRepository.FROM_EVENT)
                .invoke(stored -> {
                    catalogue.known(product.id());
                    if (!stored) {
                        Log.debugf("Product %s version %d is older than the one stored; ignored", product.id(),
                                product.version());
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> delete(String productId, String sku, Instant deletedAt) {
        if (productId == null || productId.isBlank()) {
            throw new EventJson.MalformedEventException("ProductDeleted without a productId", null);
        }
        return products.markDeleted(productId, sku, deletedAt);
    }

    static CatalogueProduct toDomain(ProductSnapshot s) {
        if (s == null || s.productId() == null || s.price() == null) {
            throw new EventJson.MalformedEventException("product snapshot without id or price", null);
        }
        Offer offer = s.offer() == null ? null
                : new Offer(s.offer().percent(), s.offer().validFrom(), s.offer().validTo(), s.offer().label());
        return new CatalogueProduct(s.productId(), s.sku(), s.name(), s.imageUrl(), s.price(), offer,
                ProductStatus.parse(s.status()), s.stock(), false, s.version());
    }
}
