package dev.shop.system.support;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.restassured.response.Response;

/**
 * What a well-behaved shop client does to buy something: empty the cart, add the product, place a cash-on-delivery
 * order with a fresh {@code Idempotency-Key}, and when the shop says "not now" (429, 502, 503, 504, or no answer at
 * all) ask again, with the same key, after the {@code Retry-After} it was given. Only the idempotency key makes the
 * retry of a placement that may have happened safe; the drills check that it is.
 */
public final class Checkout {

    /** The answer a buyer finally got for one order. */
    public record Attempt(Client buyer, String key, String productId, int quantity, int status, String orderId,
            String problemType, int tries, long placedAtNanos) {

        public boolean placed() {
            return status == 202 && orderId != null;
        }
    }

    private Checkout() {
    }

    public static Map<String, Object> inlineAddress() {
        return Map.of("fullName", "Asha Rao", "phoneNumber", "+919876543210", "line1", "12 MG Road",
                "city", "Bengaluru", "state", "Karnataka", "postalCode", "560001", "country", "IN");
    }

    /** Buys {@code quantity} units of one product; gives up (answering what it last got) after {@code patience}. */
    public static Attempt buy(Client buyer, String productId, int quantity, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Attempt refused = fillCart(buyer, productId, quantity, deadline);
        return refused != null ? refused : place(buyer, productId, quantity, deadline);
    }

    /** Empties the buyer's cart and puts the product in; null when done, else the refusal the buyer got. */
    public static Attempt fillCart(Client buyer, String productId, int quantity, long deadline) {
        Response emptied = retrying(() -> buyer.request().delete("/api/v1/cart"), deadline);
        if (emptied == null || emptied.statusCode() != 204) {
            return failed(buyer, null, productId, quantity, emptied, 1);
        }
        Response added = retrying(() -> buyer.json(Map.of("productId", productId, "quantity", quantity))
                .post("/api/v1/cart/items"), deadline);
        if (added == null || added.statusCode() != 200) {
            return failed(buyer, null, productId, quantity, added, 1);
        }
        return null;
    }

    /** Places a cash-on-delivery order of the buyer's cart with a fresh idempotency key. */
    public static Attempt place(Client buyer, String productId, int quantity, long deadline) {
        String key = "drill-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("shippingAddress", inlineAddress(), "paymentMethod", "COD");
        int[] tries = { 0 };
        Response placed = retrying(() -> {
            tries[0]++;
            return buyer.json(body).header("Idempotency-Key", key).post("/api/v1/orders");
        }, deadline);
        if (placed == null || placed.statusCode() != 202) {
            return failed(buyer, key, productId, quantity, placed, tries[0]);
        }
        return new Attempt(buyer, key, productId, quantity, 202, placed.path("id"), null, tries[0], System.nanoTime());
    }

    private static Attempt failed(Client buyer, String key, String productId, int quantity, Response response,
            int tries) {
        return new Attempt(buyer, key, productId, quantity, response == null ? -1 : response.statusCode(), null,
                response == null ? "no answer" : problemType(response), tries, System.nanoTime());
    }

    private static String problemType(Response response) {
        try {
            Object type = response.path("type");
            return type == null ? response.asString() : type.toString();
        } catch (RuntimeException notJson) {
            return response.asString();
        }
    }

    /**
     * Sends until the answer is not a transient refusal or the deadline passed; null if the last try got no answer at
     * all.
     */
    static Response retrying(Supplier<Response> call, long deadline) {
        while (true) {
            Response response;
            try {
                response = call.get();
            } catch (Exception noAnswer) {
                // rest-assured rethrows the client's IOExceptions unchecked-style: no answer at all
                response = null;
            }
            boolean transientRefusal = response == null || response.statusCode() == 429
                    || response.statusCode() == 502 || response.statusCode() == 503 || response.statusCode() == 504;
            if (!transientRefusal || System.nanoTime() > deadline) {
                return response;
            }
            Await.pause(retryAfter(response));
        }
    }

    private static Duration retryAfter(Response response) {
        String header = response == null ? null : response.header("Retry-After");
        if (header != null && header.matches("\\d{1,3}")) {
            return Duration.ofSeconds(Math.min(5, Math.max(1, Integer.parseInt(header))));
        }
        return Duration.ofMillis(500);
    }
}
