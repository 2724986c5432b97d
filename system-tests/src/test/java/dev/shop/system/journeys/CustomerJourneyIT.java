package dev.shop.system.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.shop.local.FakeCardPayment;
import dev.shop.system.support.Await;
import dev.shop.system.support.Catalog;
import dev.shop.system.support.Client;
import dev.shop.system.support.Orders;
import dev.shop.system.support.Otp;
import dev.shop.system.support.Phones;
import dev.shop.system.support.SystemStack;
import dev.shop.system.support.SystemTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** What a customer does, end to end through the gateway, on the real stack. */
@SystemTest
@Order(10)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerJourneyIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private Client admin;
    private Catalog catalog;

    @BeforeAll
    void aCatalogue() {
        admin = Client.demoAdmin();
        catalog = Catalog.create(admin, "Journey");
    }

    @Test
    void registersBrowsesBuysCashOnDeliveryReviewsAndCancels() {
        String pads = catalog.product("Ceramic brake pads", 249_900, 20);
        String filter = catalog.product("Cabin air filter", 59_900, 5);
        String wiper = catalog.product("Silicone wiper blade", 39_900, 8);

        // registers with the code from the OTP log, refreshes its session
        Client customer = Client.registeredCustomer();
        Response refreshed = customer.refresh();
        assertThat(refreshed.statusCode()).as(refreshed.asString()).isEqualTo(200);
        assertThat(customer.request().get("/api/v1/me").<String> path("phoneNumber")).isEqualTo(customer.phone());

        // browses and filters: the brand's products, in stock, cheapest first
        Response listed = Await.until("the brand's products listed", EVENTUALLY,
                () -> customer.request().queryParam("brand", catalog.brand()).queryParam("inStock", true)
                        .queryParam("sort", "price").get("/api/v1/products"),
                r -> r.statusCode() == 200 && r.<List<String>> path("items.id").containsAll(List.of(pads, filter,
                        wiper)));
        assertThat(listed.<List<String>> path("items.id")).containsSubsequence(wiper, filter, pads);
        assertThat(customer.request().get("/api/v1/products/" + pads).<Integer> path("stock")).isEqualTo(20);

        // cart and wishlist; a wishlist item moved to the cart
        Orders.cartWith(customer, pads, 2);
        assertThat(customer.json(Map.of("productId", filter)).post("/api/v1/wishlist").statusCode())
                .isBetween(200, 201);
        Response moved = customer.request().post("/api/v1/wishlist/" + filter + "/move-to-cart");
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(200);
        assertThat(customer.request().get("/api/v1/wishlist").<List<String>> path("items.productId"))
                .doesNotContain(filter);
        Response cart = customer.request().get("/api/v1/cart");
        assertThat(cart.<List<String>> path("items.productId")).containsExactlyInAnyOrder(pads, filter);
        // a line kept for later: not in the order, so still in the cart afterwards
        customer.json(Map.of("productId", wiper, "quantity", 1)).post("/api/v1/cart/items");

        // an address book entry, then a COD order to it with an idempotency key (sent twice: one order)
        Response address = customer.json(Map.of("fullName", "Asha Rao", "phoneNumber", "+919876543210", "line1",
                "12 MG Road", "city", "Bengaluru", "state", "Karnataka", "postalCode", "560001", "country", "IN",
                "isDefault", true)).post("/api/v1/me/addresses");
        assertThat(address.statusCode()).as(address.asString()).isEqualTo(201);
        customer.request().delete("/api/v1/cart/items/" + wiper);
        String key = "journey-" + System.nanoTime();
        Map<String, Object> body = Map.of("addressId", address.path("id"), "paymentMethod", "COD");
        Response placed = customer.json(body).header("Idempotency-Key", key).post("/api/v1/orders");
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(202);
        Response again = customer.json(body).header("Idempotency-Key", key).post("/api/v1/orders");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.<String> path("id")).isEqualTo(placed.path("id"));
        String orderId = placed.path("id");

        Response confirmed = Orders.awaitStatus(customer, orderId, "CONFIRMED");
        assertThat(confirmed.<Integer> path("total.amount")).isEqualTo(2 * 249_900 + 59_900);
        assertThat(customer.request().get("/api/v1/orders").<List<String>> path("items.id")).containsOnlyOnce(
                orderId);
        Await.until("purchased lines gone from the cart", EVENTUALLY, () -> customer.request().get("/api/v1/cart"),
                r -> r.<List<String>> path("items.productId").isEmpty());
        Await.until("stock taken", EVENTUALLY, () -> Catalog.stock(pads), s -> s == 18);

        // delivered, then reviewed as a verified purchase
        Orders.shipAndDeliver(admin, orderId);
        Orders.awaitStatus(customer, orderId, "DELIVERED");
        Response review = Await.until("a review accepted", EVENTUALLY,
                () -> customer.json(Map.of("rating", 5, "title", "Stops on a coin", "body", "Quiet and no dust."))
                        .post("/api/v1/products/" + pads + "/reviews"),
                r -> r.statusCode() == 201);
        String reviewId = review.path("id");
        Await.until("the review marked a verified purchase", EVENTUALLY,
                () -> customer.request().get("/api/v1/products/" + pads + "/reviews/" + reviewId),
                r -> r.statusCode() == 200 && Boolean.TRUE.equals(r.path("verifiedPurchase")));

        // a second order, cancelled: its stock comes back
        Orders.cartWith(customer, filter, 3);
        String second = Orders.place(customer, Orders.cod());
        Orders.awaitStatus(customer, second, "CONFIRMED");
        Await.until("filter stock taken", EVENTUALLY, () -> Catalog.stock(filter), s -> s == 1);
        Response cancelled = customer.json(Map.of("reason", "ordered the wrong size"))
                .post("/api/v1/orders/" + second + "/cancel");
        assertThat(cancelled.statusCode()).as(cancelled.asString()).isEqualTo(200);
        assertThat(cancelled.<String> path("status")).isEqualTo("CANCELLED");
        Await.until("filter stock restored", EVENTUALLY, () -> Catalog.stock(filter), s -> s == 4);
    }

    @Test
    void passwordlessSignInCreatesTheAccountOfANewPhone() {
        String phone = Phones.next();
        Client customer = Client.visitor().signInByOtp(phone, "Meera Iyer");
        Response me = customer.request().get("/api/v1/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.<String> path("phoneNumber")).isEqualTo(phone);
        assertThat(me.<String> path("fullName")).isEqualTo("Meera Iyer");
    }

    @Test
    void aGuestCartIsMergedOnSignIn() {
        String bulb = catalog.product("H4 halogen bulb", 29_900, 10);
        Client guest = Client.visitor();
        Response started = guest.anonymous().contentType(ContentType.JSON)
                .body(Map.of("productId", bulb, "quantity", 2)).post("/api/v1/cart/items");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(200);
        String cartToken = started.header("X-Cart-Token");
        assertThat(cartToken).isNotBlank();
        assertThat(guest.anonymous().header("X-Cart-Token", cartToken).get("/api/v1/cart")
                .<List<Integer>> path("items.quantity")).containsExactly(2);

        Client customer = Client.otpCustomer();
        Response merged = customer.json(Map.of("cartToken", cartToken)).post("/api/v1/cart/merge");
        assertThat(merged.statusCode()).as(merged.asString()).isEqualTo(200);
        assertThat(merged.<List<String>> path("items.productId")).containsExactly(bulb);
        assertThat(merged.<List<Integer>> path("items.quantity")).containsExactly(2);
        // the guest cart is gone
        Response guestCart = guest.anonymous().header("X-Cart-Token", cartToken).get("/api/v1/cart");
        assertThat(guestCart.<List<Object>> path("items")).isNullOrEmpty();
    }

    @Test
    void aPasswordResetEndsEverySessionOfTheAccount() {
        Client customer = Client.registeredCustomer();
        String oldRefresh = customer.refreshToken();

        Instant since = Otp.mark();
        Response forgot = customer.anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", customer.phone())).post("/api/v1/auth/password/forgot");
        assertThat(forgot.statusCode()).as(forgot.asString()).isEqualTo(202);
        String code = Otp.await(customer.phone(), "reset", since);
        Response verified = customer.anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", customer.phone(), "otp", code)).post("/api/v1/auth/password/verify");
        assertThat(verified.statusCode()).as(verified.asString()).isEqualTo(200);
        String newPassword = Client.strongPassword();
        Response reset = customer.anonymous().contentType(ContentType.JSON)
                .body(Map.of("resetToken", verified.path("resetToken"), "newPassword", newPassword))
                .post("/api/v1/auth/password/reset");
        assertThat(reset.statusCode()).as(reset.asString()).isEqualTo(204);

        Response stale = customer.anonymous().cookie("refresh_token", oldRefresh).post("/api/v1/auth/refresh");
        assertThat(stale.statusCode()).as(stale.asString()).isEqualTo(401);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(Client.visitor().anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", customer.phone(), "password", customer.password()))
                .post("/api/v1/auth/login").statusCode()).isEqualTo(401);
        customer.login(customer.phone(), newPassword);
    }

    @Test
    void aCardOrderIsPaidThroughTheProvidersSignedWebhook() throws Exception {
        String battery = catalog.product("Car battery 45Ah", 649_900, 4);
        Client customer = Client.otpCustomer();
        Orders.cartWith(customer, battery, 1);
        String orderId = Orders.place(customer,
                Map.of("shippingAddress", dev.shop.system.support.Checkout.inlineAddress(), "paymentMethod", "CARD"));
        Orders.awaitStatus(customer, orderId, "AWAITING_PAYMENT");

        Response session = customer.request().post("/api/v1/orders/" + orderId + "/payment");
        assertThat(session.statusCode()).as(session.asString()).isEqualTo(200);
        assertThat(session.<Integer> path("amount.amount")).isEqualTo(649_900);

        SystemStack stack = SystemStack.get();
        FakeCardPayment.Session opened = Await.until("the provider's session listed", EVENTUALLY,
                () -> FakeCardPayment.latestSession(stack.fakeCardSessions(), orderId), s -> s.isPresent())
                .orElseThrow();
        String secret = FakeCardPayment.readSecret(stack.fakeCardSecret());
        FakeCardPayment.Webhook webhook = FakeCardPayment.webhook(secret, opened, FakeCardPayment.newPaymentId(),
                null, Instant.now());

        // the same webhook with a signature of another key is refused and changes nothing
        Response forged = webhook(webhook.body(), webhook.id(), webhook.timestamp(),
                FakeCardPayment.sign("whsec_" + java.util.Base64.getEncoder().encodeToString(
                        "not the provider's key at all".getBytes()), webhook.id(), webhook.timestamp(),
                        webhook.body()));
        assertThat(forged.statusCode()).as(forged.asString()).isEqualTo(401);
        assertThat(customer.request().get("/api/v1/orders/" + orderId).<String> path("status"))
                .isEqualTo("AWAITING_PAYMENT");

        Response accepted = webhook(webhook.body(), webhook.id(), webhook.timestamp(), webhook.signature());
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(204);
        Response paid = Orders.awaitStatus(customer, orderId, "PAID");
        assertThat(paid.<String> path("payment.method")).isEqualTo("CARD");
        // a replay of the same delivery is absorbed
        assertThat(webhook(webhook.body(), webhook.id(), webhook.timestamp(), webhook.signature()).statusCode())
                .isEqualTo(204);
        assertThat(customer.request().get("/api/v1/orders/" + orderId).<List<String>> path("statusHistory.status"))
                .containsOnlyOnce("PAID");
    }

    @Test
    void aCouponTakesItsShareOffTheOrder() {
        String mats = catalog.product("Rubber floor mats", 100_000, 10);
        String code = "JOURNEY" + Catalog.code(6);
        Response coupon = admin.json(Map.of("code", code, "kind", "PERCENT", "value", 10, "maxUses", 5))
                .post("/api/v1/coupons");
        assertThat(coupon.statusCode()).as(coupon.asString()).isEqualTo(201);

        Client customer = Client.otpCustomer();
        Orders.cartWith(customer, mats, 2);
        Response check = Await.until("the coupon applies to the cart", EVENTUALLY,
                () -> customer.json(Map.of()).post("/api/v1/coupons/" + code + "/check"),
                r -> r.statusCode() == 200);
        assertThat(check.<Integer> path("discountTotal.amount")).isEqualTo(20_000);
        Response unknown = customer.json(Map.of()).post("/api/v1/coupons/NOSUCH" + Catalog.code(6) + "/check");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.<String> path("type")).endsWith("/problems/coupon-unknown");

        Map<String, Object> body = Map.of("shippingAddress", dev.shop.system.support.Checkout.inlineAddress(),
                "paymentMethod", "COD", "couponCode", code.toLowerCase(java.util.Locale.ROOT));
        String orderId = Orders.place(customer, body);
        Response confirmed = Orders.awaitStatus(customer, orderId, "CONFIRMED");
        assertThat(confirmed.<Integer> path("discountTotal.amount")).isEqualTo(20_000);
        assertThat(confirmed.<Integer> path("total.amount")).isEqualTo(180_000);

    }

    private static Response webhook(String body, String id, long timestamp, String signature) {
        return Client.visitor().anonymous().contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature)
                .body(body).post("/api/v1/payments/webhooks/fake-card");
    }
}
