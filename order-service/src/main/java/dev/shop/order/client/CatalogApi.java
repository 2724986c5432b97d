package dev.shop.order.client;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.shop.contracts.common.Money;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * catalog-service's checkout pricing ({@code POST /api/v1/products/quote}): current prices, availability and product
 * snapshots. A read, although a POST. Use it through {@link PriceQuotes}.
 */
@RegisterRestClient(configKey = "catalog")
@Path("/api/v1/products/quote")
public interface CatalogApi {

    String SERVICE = "catalog-service";

    record QuoteLineRequest(String productId, int quantity) {
    }

    record QuoteRequest(List<QuoteLineRequest> lines) {
    }

    record ProductSnapshot(String id, String sku, String name, String slug, String image) {
    }

    /**
     * @param reason null when available; NOT_FOUND, NOT_AVAILABLE, OUT_OF_STOCK or INSUFFICIENT_STOCK otherwise
     * @param unitPrice effective price now, absent when the product cannot be bought at all
     */
    record QuoteLine(String productId, int quantity, boolean available, int availableQuantity, String reason,
            ProductSnapshot product, Money unitPrice) {
    }

    record QuoteResponse(Instant quotedAt, String currency, boolean allAvailable, List<QuoteLine> lines) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<QuoteResponse> quote(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, QuoteRequest request);

    @ClientExceptionMapper
    static RuntimeException failed(Response response) {
        return response.getStatus() >= 500 ? new DependencyFailed(SERVICE, response.getStatus())
                : new DependencyRefused(SERVICE, response.getStatus());
    }
}
