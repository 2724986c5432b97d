package dev.shop.cart.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.cart.domain.Offer;
import dev.shop.cart.domain.ProductStatus;
import io.smallrye.mutiny.Uni;

/**
 * Reads one product from catalog-service, for an id the read model does not know yet. A call has a timeout, a failed
 * call is retried twice, and after a run of failures the circuit opens so a catalogue that is down costs nothing for
 * a while; "no such product" (404) is an answer, not a failure. The limits can be changed without a rebuild, e.g.
 * {@code quarkus.fault-tolerance."dev.shop.cart.client.CatalogProducts/fetch".timeout.value=1000}.
 */
@ApplicationScoped
public class CatalogProducts {

    private final CatalogApi api;

    public CatalogProducts(@RestClient CatalogApi api) {
        this.api = api;
    }

    /**
     * @return the product, or empty when the catalogue does not know it (or does not show it: drafts and archived
     *         products are not public)
     */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS, successThreshold = 2)
    public Uni<Optional<CatalogueProduct>> fetch(String productId) {
        return api.product(productId)
                // The catalogue also answers slugs; the cart deals in ids only.
                .map(page -> productId.equals(page.id()) ? Optional.of(toDomain(page)) : Optional.<CatalogueProduct> empty())
                .onFailure(CatalogProducts::isNotFound).recoverWithItem(Optional.empty());
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web
                && (web.getResponse().getStatus() == 404 || web.getResponse().getStatus() == 400);
    }

    private static CatalogueProduct toDomain(CatalogApi.ProductPage page) {
        if (page.price() == null || page.name() == null) {
            throw new IllegalStateException("catalog-service answered product " + page.id() + " without a price");
        }
        Offer offer = page.offer() == null ? null
                : new Offer(page.offer().percent(), page.offer().validFrom(), page.offer().validTo(),
                        page.offer().label());
        String image = page.images() == null || page.images().isEmpty() ? null : page.images().get(0).url();
        return new CatalogueProduct(page.id(), page.sku(), page.name(), image,
                page.price(), offer, ProductStatus.parse(page.status()), page.stock(), false, page.version());
    }
}
