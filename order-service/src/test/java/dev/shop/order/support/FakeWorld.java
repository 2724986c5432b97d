package dev.shop.order.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.types.ObjectId;

/**
 * What the fake cart, catalogue and address book (test resources of this application) answer. Tests set it up per
 * customer and product; ids are fresh per test, so tests sharing the application stay apart.
 */
public final class FakeWorld {

    /** A product of the fake catalogue. */
    public record Product(String id, String sku, String name, long price, int stock, boolean active, String image) {
    }

    /** A line of a fake cart, as cart-service would show it. */
    public record CartLine(String productId, int quantity, long shownPrice, boolean available) {
    }

    /** An address of a fake address book, as auth-service would show it. */
    public record Address(String id, String fullName, String phoneNumber, String line1, String city, String state,
            String postalCode, String country) {
    }

    public static final String CURRENCY = "INR";

    static final Map<String, Product> PRODUCTS = new ConcurrentHashMap<>();
    static final Map<String, List<CartLine>> CARTS = new ConcurrentHashMap<>();
    /** When each fake cart last changed, as its checkout read says. */
    static final Map<String, java.time.Instant> CART_UPDATED_AT = new ConcurrentHashMap<>();
    static final Map<String, List<Address>> ADDRESSES = new ConcurrentHashMap<>();
    /** Status the fake answers with instead of its normal answer, per service (0 = normal). */
    static final Map<String, Integer> FAILING = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** Authorization headers the fakes received, to show the caller's token is forwarded. */
    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private FakeWorld() {
    }

    public static String newId() {
        return new ObjectId().toHexString();
    }

    public static Product product(String name, long price, int stock) {
        String id = newId();
        Product p = new Product(id, "SKU-" + id.substring(18).toUpperCase(), name, price, stock, true,
                "/api/v1/media/img-" + id.substring(18));
        PRODUCTS.put(id, p);
        return p;
    }

    public static void put(Product product) {
        PRODUCTS.put(product.id(), product);
    }

    public static Product get(String productId) {
        return PRODUCTS.get(productId);
    }

    /** Replaces the customer's cart. */
    public static void cart(String userId, CartLine... lines) {
        CARTS.put(userId, new ArrayList<>(List.of(lines)));
        CART_UPDATED_AT.put(userId, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /** The {@code updatedAt} the user's fake cart answers. */
    public static java.time.Instant cartUpdatedAt(String userId) {
        return CART_UPDATED_AT.get(userId);
    }

    public static CartLine line(Product product, int quantity) {
        return new CartLine(product.id(), quantity, product.price(), true);
    }

    public static Address address(String userId) {
        Address a = new Address(newId(), "Asha Rao", "+919876543210", "12 MG Road", "Bengaluru", "Karnataka", "560001",
                "IN");
        ADDRESSES.computeIfAbsent(userId, u -> new CopyOnWriteArrayList<>()).add(a);
        return a;
    }

    /** Makes a fake answer {@code status} (e.g. 503) until {@link #recover}. */
    public static void fail(String service, int status) {
        FAILING.put(service, status);
    }

    public static void recover(String service) {
        FAILING.remove(service);
    }

    public static int calls(String service) {
        return CALLS.computeIfAbsent(service, s -> new AtomicInteger()).get();
    }

    public static List<String> authorizations() {
        return List.copyOf(AUTHORIZATIONS);
    }

    static void called(String service, String authorization) {
        CALLS.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
        AUTHORIZATIONS.add(String.valueOf(authorization));
    }

    static Integer failing(String service) {
        return FAILING.get(service);
    }
}
