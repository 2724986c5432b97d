package dev.shop.cart.client;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.shop.contracts.common.Money;
import io.smallrye.mutiny.Uni;

/**
 * catalog-service's public product page ({@code GET /api/v1/products/{id}}), read for an id the read model does not
 * know yet. Only through {@link CatalogProducts}, which owns timeouts, retries and the circuit breaker.
 */
@RegisterRestClient(configKey = "catalog")
@Path("/api/v1/products")
public interface CatalogApi {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ProductPage> product(@PathParam("id") String productId);

    /** The fields of catalog's product page the cart keeps; the rest is ignored. */
    record ProductPage(String id, String sku, String name, Money price, OfferPage offer, int stock, String status,
            List<ImagePage> images, long version, Instant updatedAt) {
    }

    record OfferPage(int percent, Instant validFrom, Instant validTo, String label) {
    }

    record ImagePage(String id, String url) {
    }
}
