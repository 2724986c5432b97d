package dev.shop.cart.support;

import java.util.Optional;

import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.persistence.ProductRepository;
import io.quarkus.arc.Arc;

/** The product read model of the application under test, read the way its repository reads it. */
public final class ReadModel {

    private ReadModel() {
    }

    public static Optional<CatalogueProduct> product(String productId) {
        return Arc.container().instance(ProductRepository.class).get().product(productId).await().indefinitely();
    }

    /** Waits until the read model holds the product at {@code version} or newer, with the given stock. */
    public static CatalogueProduct awaitProduct(CatalogEvents.Product p) {
        return Eventually.await("product " + p.id() + " at version " + p.version() + " in the read model",
                () -> product(p.id()),
                found -> found.isPresent() && found.get().version() >= p.version()
                        && found.get().stock() == p.stock() && found.get().status().wire().equals(p.status())
                        && found.get().price().amount() == p.price())
                .get();
    }

    /** Publishes the product's creation and waits until the read model has it. */
    public static CatalogEvents.Product publish(CatalogEvents events, CatalogEvents.Product p) {
        events.create(p);
        awaitProduct(p);
        return p;
    }

    /** Publishes a change of the product and waits until the read model has it. */
    public static CatalogEvents.Product publishUpdate(CatalogEvents events, CatalogEvents.Product p,
            String... changes) {
        events.update(p, changes);
        awaitProduct(p);
        return p;
    }
}
