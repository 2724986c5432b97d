package dev.shop.order.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.CheckoutPricing.CartItem;
import dev.shop.order.domain.CheckoutPricing.QuotedItem;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/** Prices checkout lines at the catalogue, with the customer's token. */
@ApplicationScoped
public class PriceQuotes {

    private final CatalogApi api;
    private final OrderConfig.Dependency settings;
    private final TypedGuard<Uni<CatalogApi.QuoteResponse>> guard;

    public PriceQuotes(@RestClient CatalogApi api, OrderConfig config) {
        this.api = api;
        this.settings = config.dependencies().catalog();
        this.guard = Guards.of(CatalogApi.SERVICE, settings, new TypeLiteral<>() {
        });
    }

    /** @throws dev.shop.kit.problem.ProblemException 503 when catalog-service cannot answer */
    public Uni<List<QuotedItem>> quote(String token, List<CartItem> lines) {
        CatalogApi.QuoteRequest request = new CatalogApi.QuoteRequest(
                lines.stream().map(l -> new CatalogApi.QuoteLineRequest(l.productId(), l.quantity())).toList());
        return guard.get(() -> api.quote("Bearer " + token, request))
                .onFailure().transform(failure -> Guards.problem(CatalogApi.SERVICE, settings, failure))
                .map(quote -> quote == null || quote.lines() == null ? List.<QuotedItem> of()
                        : quote.lines().stream().map(PriceQuotes::item).toList());
    }

    private static QuotedItem item(CatalogApi.QuoteLine line) {
        CatalogApi.ProductSnapshot p = line.product();
        return new QuotedItem(line.productId(), line.available(), line.availableQuantity(), line.reason(),
                p == null ? null : p.sku(), p == null ? null : p.name(), p == null ? null : p.image(),
                line.unitPrice());
    }
}
