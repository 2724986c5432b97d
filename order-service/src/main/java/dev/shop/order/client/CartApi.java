package dev.shop.order.client;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
 * cart-service's checkout read ({@code GET /internal/v1/cart}, not routed by the gateway): the cart of the token's
 * subject, called with the customer's own token. Use it through {@link CartReader}.
 */
@RegisterRestClient(configKey = "cart")
@Path("/internal/v1/cart")
public interface CartApi {

    String SERVICE = "cart-service";

    /** One line as the cart shows it; {@code unitPrice} is what the customer saw, never what the order charges. */
    record CartItemView(String productId, Integer quantity, Money unitPrice, Boolean available) {
    }

    record CartView(String userId, List<CartItemView> items, Instant updatedAt) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CartView> cart(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @ClientExceptionMapper
    static RuntimeException failed(Response response) {
        return response.getStatus() >= 500 ? new DependencyFailed(SERVICE, response.getStatus())
                : new DependencyRefused(SERVICE, response.getStatus());
    }
}
