package dev.shop.cart.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.shop.contracts.common.Money;

/**
 * Stands in for catalog-service's public {@code GET /api/v1/products/{id}}, served by the application under test on
 * its own port (the REST client points there in the test profile). Products are registered by tests; every request is
 * counted.
 */
@Path("/api/v1/products")
public class FakeCatalog {

    private static final Map<String, Map<String, Object>> PRODUCTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final AtomicBoolean FAILING = new AtomicBoolean();

    /** Makes the product known to the catalogue (and only to it: no event is published). */
    public static void serve(CatalogEvents.Product p) {
        PRODUCTS.put(p.id(), Map.of("id", p.id(), "sku", p.sku(), "name", p.name(), "slug", "slug-" + p.id(),
                "price", new Money(p.price(), "INR"), "stock", p.stock(), "status", p.status(),
                "images", List.of(Map.of("id", "img-1", "url", p.imageUrl())), "version", p.version(),
                "ratingAverage", 0.0));
    }

    public static int calls(String productId) {
        AtomicInteger count = CALLS.get(productId);
        return count == null ? 0 : count.get();
    }

    /** While failing, every request is answered 500. */
    public static void failing(boolean value) {
        FAILING.set(value);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response product(@PathParam("id") String id) {
        CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (FAILING.get()) {
            return Response.serverError().type("application/problem+json")
                    .entity(Map.of("status", 500, "title", "Internal error")).build();
        }
        Map<String, Object> product = PRODUCTS.get(id);
        if (product == null) {
            return Response.status(404).type("application/problem+json")
                    .entity(Map.of("status", 404, "title", "Resource not found")).build();
        }
        return Response.ok(product).build();
    }
}
