package dev.shop.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;

/** Orders as a customer places and follows them, and as an admin moves them on, all through the gateway. */
public final class Orders {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private Orders() {
    }

    /** Places an order of the customer's cart; asserts the 202 and returns the order's id. */
    public static String place(Client customer, Map<String, Object> body) {
        Response placed = customer.json(body).header("Idempotency-Key", "journey-" + UUID.randomUUID())
                .post("/api/v1/orders");
        assertThat(placed.statusCode()).as("place order: %s", placed.asString()).isEqualTo(202);
        return placed.path("id");
    }

    /** A cash-on-delivery order to an inline address. */
    public static Map<String, Object> cod() {
        return Map.of("shippingAddress", Checkout.inlineAddress(), "paymentMethod", "COD");
    }

    /** Waits until the owner sees the order in {@code status}; returns the order. */
    public static Response awaitStatus(Client owner, String orderId, String status) {
        return Await.until("order " + orderId + " " + status, SETTLE,
                () -> owner.request().get("/api/v1/orders/" + orderId),
                r -> r.statusCode() == 200 && status.equals(r.path("status")));
    }

    /** An admin moves the order on through admin-service (audited): SHIPPED, then DELIVERED. */
    public static void shipAndDeliver(Client admin, String orderId) {
        Response shipped = admin.json(Map.of("status", "SHIPPED", "carrier", "BlueDart", "trackingNumber",
                "BD" + System.nanoTime())).patch("/api/v1/admin/orders/" + orderId + "/status");
        assertThat(shipped.statusCode()).as("ship: %s", shipped.asString()).isEqualTo(200);
        Response delivered = admin.json(Map.of("status", "DELIVERED"))
                .patch("/api/v1/admin/orders/" + orderId + "/status");
        assertThat(delivered.statusCode()).as("deliver: %s", delivered.asString()).isEqualTo(200);
    }

    /** Empties the cart and puts {@code quantity} of the product in. */
    public static void cartWith(Client customer, String productId, int quantity) {
        assertThat(customer.request().delete("/api/v1/cart").statusCode()).isEqualTo(204);
        Response added = customer.json(Map.of("productId", productId, "quantity", quantity))
                .post("/api/v1/cart/items");
        assertThat(added.statusCode()).as("add to cart: %s", added.asString()).isEqualTo(200);
    }
}
