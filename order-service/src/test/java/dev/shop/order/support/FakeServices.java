package dev.shop.order.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;

/**
 * Test-only stand-ins for the three services checkout calls, served by the application under test at
 * {@code /fakes/...} (the REST clients point there in the test profile). They answer in the shapes of the real
 * services: cart-service's checkout read, catalog-service's quote and auth-service's address book, for the token's
 * subject, as those services do. Hidden from the API document: they are not order-service's API.
 */
public final class FakeServices {

    public static final String CART = "cart";
    public static final String CATALOG = "catalog";
    public static final String AUTH = "auth";

    private FakeServices() {
    }

    private static Response failure(String service) {
        Integer status = FakeWorld.failing(service);
        return status == null ? null
                : Response.status(status).type("application/problem+json")
                        .entity(Map.of("status", status, "title", "fake failure")).build();
    }

    @Path("/fakes/cart/internal/v1/cart")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class Cart {

        @Inject
        JsonWebToken token;

        @GET
        @Operation(hidden = true)
        public Response cart(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
            FakeWorld.called(CART, authorization);
            Response failed = failure(CART);
            if (failed != null) {
                return failed;
            }
            String userId = token.getSubject();
            List<Map<String, Object>> items = new ArrayList<>();
            for (FakeWorld.CartLine line : FakeWorld.CARTS.getOrDefault(userId, List.of())) {
                items.add(Map.of("productId", line.productId(), "quantity", line.quantity(),
                        "unitPrice", Map.of("amount", line.shownPrice(), "currency", FakeWorld.CURRENCY),
                        "available", line.available()));
            }
            Instant updatedAt = FakeWorld.CART_UPDATED_AT.getOrDefault(userId, Instant.now());
            return Response.ok(Map.of("userId", userId, "items", items, "updatedAt", updatedAt.toString())).build();
        }
    }

    @Path("/fakes/catalog/api/v1/products/quote")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class Catalog {

        public record LineRequest(String productId, int quantity) {
        }

        public record QuoteRequest(List<LineRequest> lines) {
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Operation(hidden = true)
        public Response quote(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, QuoteRequest request) {
            FakeWorld.called(CATALOG, authorization);
            Response failed = failure(CATALOG);
            if (failed != null) {
                return failed;
            }
            List<Map<String, Object>> lines = new ArrayList<>();
            boolean all = true;
            for (LineRequest line : request.lines()) {
                FakeWorld.Product p = FakeWorld.PRODUCTS.get(line.productId());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("productId", line.productId());
                out.put("quantity", line.quantity());
                String reason = p == null ? "NOT_FOUND"
                        : !p.active() ? "NOT_AVAILABLE"
                                : p.stock() <= 0 ? "OUT_OF_STOCK" : p.stock() < line.quantity() ? "INSUFFICIENT_STOCK" : null;
                out.put("available", reason == null);
                out.put("availableQuantity", p == null ? 0 : Math.max(0, p.stock()));
                out.put("reason", reason);
                if (p != null) {
                    out.put("product", Map.of("id", p.id(), "sku", p.sku(), "name", p.name(), "slug",
                            p.name().toLowerCase().replace(' ', '-'), "image", p.image()));
                }
                if (p != null && p.active()) {
                    out.put("unitPrice", Map.of("amount", p.price(), "currency", FakeWorld.CURRENCY));
                    out.put("listPrice", Map.of("amount", p.price(), "currency", FakeWorld.CURRENCY));
                    out.put("lineTotal", Map.of("amount", p.price() * line.quantity(), "currency",
                            FakeWorld.CURRENCY));
                }
                all &= reason == null;
                lines.add(out);
            }
            return Response.ok(Map.of("quotedAt", Instant.now().toString(), "currency", FakeWorld.CURRENCY,
                    "allAvailable", all, "lines", lines)).build();
        }
    }

    @Path("/fakes/auth/api/v1/me/addresses")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class AddressBook {

        @Inject
        JsonWebToken token;

        @GET
        @Operation(hidden = true)
        public Response addresses(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                @QueryParam("page") int page, @QueryParam("size") int size) {
            FakeWorld.called(AUTH, authorization);
            Response failed = failure(AUTH);
            if (failed != null) {
                return failed;
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (FakeWorld.Address a : FakeWorld.ADDRESSES.getOrDefault(token.getSubject(), List.of())) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", a.id());
                view.put("fullName", a.fullName());
                view.put("phoneNumber", a.phoneNumber());
                view.put("line1", a.line1());
                view.put("city", a.city());
                view.put("state", a.state());
                view.put("postalCode", a.postalCode());
                view.put("country", a.country());
                view.put("isDefault", items.isEmpty());
                items.add(view);
            }
            return Response.ok(Map.of("items", items, "page", page, "size", size, "total", items.size())).build();
        }
    }
}
