package dev.shop.cart.application;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.cart.client.CatalogProducts;
import dev.shop.cart.config.CartConfig;
import dev.shop.cart.domain.CartProblems;
import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.domain.Products;
import dev.shop.cart.persistence.ProductRepository;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The products carts are priced from: the local read model of the catalogue's events. An id the read model does not
 * know yet (its event is still on the way, or the read model is being rebuilt) is fetched once from catalog-service
 * and stored; concurrent requests for the same id share one fetch, and an id the catalogue does not know either is
 * remembered briefly. Products already known are never fetched.
 */
@ApplicationScoped
public class ProductCatalogue {

    private static final Pattern PRODUCT_ID = Pattern.compile(CatalogueProduct.ID_FORMAT);

    private final ProductRepository products;
    private final CatalogProducts catalog;
    private final UnknownProducts unknown;
    private final Map<String, Uni<Optional<CatalogueProduct>>> fetching = new ConcurrentHashMap<>();

    public ProductCatalogue(ProductRepository products, CatalogProducts catalog, CartConfig config) {
        this.products = products;
        this.catalog = catalog;
        this.unknown = new UnknownProducts(config.catalog().unknownProductTtl(),
                config.catalog().unknownProductCapacity());
    }

    /** The products of {@code productIds} the read model knows (never fetched). */
    public Uni<Products> lookup(Collection<String> productIds) {
        Set<String> asked = Set.copyOf(productIds);
        return products.products(asked).map(found -> new Products(found, asked));
    }

    /**
     * The product, from the read model or else from the catalogue. A product removed from the catalogue is returned
     * as such (the caller decides what that means).
     *
     * @throws ProblemException 404 when neither knows it; 503 when the catalogue would have to be asked and cannot be
     */
    public Uni<CatalogueProduct> require(String productId) {
        if (productId == null || !PRODUCT_ID.matcher(productId).matches()) {
            return Uni.createFrom().failure(CartProblems.unknownProduct(String.valueOf(productId)));
        }
        return products.product(productId).flatMap(local -> {
            if (local.isPresent()) {
                return Uni.createFrom().item(local.get());
            }
            if (unknown.isKnownUnknown(productId, Instant.now())) {
                return Uni.createFrom().failure(CartProblems.unknownProduct(productId));
            }
            return fetchOnce(productId).map(found -> found.orElseThrow(() -> CartProblems.unknownProduct(productId)));
        });
    }

    private Uni<Optional<CatalogueProduct>> fetchOnce(String productId) {
        return Uni.createFrom().deferred(() -> fetching.computeIfAbsent(productId, id -> fetchAndStore(id)
                .onTermination().invoke(() -> fetching.remove(id))
                .memoize().indefinitely()));
    }

    private Uni<Optional<CatalogueProduct>> fetchAndStore(String productId) {
        Instant fetchedAt = Instant.now();
        return catalog.fetch(productId)
                .onFailure().transform(failure -> {
                    Log.warnf("Product %s is not in the read model and catalog-service cannot be read: %s", productId,
                            failure.toString());
                    return ProblemException.unavailable(
                            "The catalogue cannot be reached right now; try again in a moment");
                })
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        unknown.remember(productId, fetchedAt);
                        return Uni.createFrom().item(Optional.<CatalogueProduct> empty());
                    }
                    Log.debugf("Product %s fetched from catalog-service (version %d)", productId,
                            found.get().version());
                    // Stored like an event announced when fetched; whatever the read model holds that is newer wins.
                    return products.storeIfNewer(found.get(), fetchedAt, ProductRepository.FROM_CATALOG)
                            .flatMap(stored -> products.product(productId))
                            .map(current -> current.or(() -> found));
                });
    }

    /** A product the events brought; it is no longer unknown. */
    void known(String productId) {
        unknown.forget(productId);
    }
}
