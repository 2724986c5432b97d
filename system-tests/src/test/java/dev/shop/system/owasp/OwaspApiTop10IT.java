package dev.shop.system.owasp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.local.FakeCardPayment;
import dev.shop.system.support.Await;
import dev.shop.system.support.Catalog;
import dev.shop.system.support.Checkout;
import dev.shop.system.support.Client;
import dev.shop.system.support.Http;
import dev.shop.system.support.Orders;
import dev.shop.system.support.Otp;
import dev.shop.system.support.Phones;
import dev.shop.system.support.SystemStack;
import dev.shop.system.support.SystemTest;
import dev.shop.testkit.HostileInputContract;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The OWASP API Security Top 10 (2023), one named test per item, against the whole stack through the gateway. */
@SystemTest
@Order(30)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwaspApiTop10IT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Client admin;
    private Catalog catalog;

    @BeforeAll
    void aCatalogue() {
        admin = Client.demoAdmin();
        catalog = Catalog.create(admin, "Owasp");
    }

    @Test
    @DisplayName("API1 broken object level authorization: another customer's order, address, review and cart")
    void api1ObjectLevelAuthorization() {
        String product = catalog.product("Spark plug set", 89_900, 10);
        Client owner = Client.otpCustomer();
        Client other = Client.otpCustomer();
        Orders.cartWith(owner, product, 1);
        String orderId = Orders.place(owner, Orders.cod());
        Orders.awaitStatus(owner, orderId, "CONFIRMED");
        Response address = owner.json(Map.of("fullName", "Asha Rao", "phoneNumber", "+919876543210", "line1",
                "12 MG Road", "city", "Bengaluru", "state", "Karnataka", "postalCode", "560001", "country", "IN"))
                .post("/api/v1/me/addresses");
        assertThat(address.statusCode()).isEqualTo(201);
        String addressId = address.path("id");
        Orders.shipAndDeliver(admin, orderId);
        Orders.awaitStatus(owner, orderId, "DELIVERED");
        Response review = Await.until("review written", EVENTUALLY,
                () -> owner.json(Map.of("rating", 4, "title", "Fine", "body", "Fits."))
                        .post("/api/v1/products/" + product + "/reviews"),
                r -> r.statusCode() == 201);
        String reviewId = review.path("id");

        assertThat(other.request().get("/api/v1/orders/" + orderId).statusCode()).isEqualTo(404);
        assertThat(other.json(Map.of("reason", "mine now")).post("/api/v1/orders/" + orderId + "/cancel")
                .statusCode()).isEqualTo(404);
        assertThat(other.request().post("/api/v1/orders/" + orderId + "/payment").statusCode()).isEqualTo(404);
        assertThat(other.request().get("/api/v1/orders").<List<String>> path("items.id")).doesNotContain(orderId);
        assertThat(other.json(Map.of("fullName", "Thief", "phoneNumber", "+919876543210", "line1", "1 Road",
                "city", "Pune", "state", "Maharashtra", "postalCode", "411001", "country", "IN"))
                .put("/api/v1/me/addresses/" + addressId).statusCode()).isEqualTo(404);
        assertThat(other.request().delete("/api/v1/me/addresses/" + addressId).statusCode()).isEqualTo(404);
        assertThat(other.request().get("/api/v1/me/addresses").<List<String>> path("items.id")).doesNotContain(addressId);
        assertThat(other.json(Map.of("rating", 1, "title", "Changed", "body", "by someone else"))
                .put("/api/v1/products/" + product + "/reviews/" + reviewId).statusCode()).isIn(403, 404);
        assertThat(other.request().delete("/api/v1/products/" + product + "/reviews/" + reviewId).statusCode())
                .isIn(403, 404);
        // the cart is the token's subject's: there is no cart id to guess; a guest cart is its unguessable token
        assertThat(other.request().get("/api/v1/cart").<List<Object>> path("items")).isEmpty();
        assertThat(Client.visitor().anonymous().header("X-Cart-Token", "not-a-token").get("/api/v1/cart")
                .statusCode()).isEqualTo(400);
        // nothing changed for the owner
        assertThat(owner.request().get("/api/v1/orders/" + orderId).<String> path("status")).isEqualTo("DELIVERED");
        assertThat(owner.request().get("/api/v1/me/addresses").<List<String>> path("items.id")).contains(addressId);
        assertThat(Http.gateway().get("/api/v1/products/" + product + "/reviews/" + reviewId).<Integer> path(
                "rating")).isEqualTo(4);
    }

    @Test
    @DisplayName("API2 broken authentication: missing, tampered and revoked tokens; refresh token reuse")
    void api2Authentication() {
        Client customer = Client.otpCustomer();
        Response none = Client.visitor().anonymous().get("/api/v1/orders");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.contentType()).startsWith("application/problem+json");

        String token = customer.accessToken();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        assertThat(Client.visitor().anonymous().header("Authorization", "Bearer " + tampered).get("/api/v1/orders")
                .statusCode()).isEqualTo(401);
        String[] parts = token.split("\\.");
        String noneAlg = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        assertThat(Client.visitor().anonymous().header("Authorization", "Bearer " + noneAlg).get("/api/v1/orders")
                .statusCode()).isEqualTo(401);

        // a rotated refresh token presented again revokes the whole family
        String first = customer.refreshToken();
        assertThat(customer.refresh().statusCode()).isEqualTo(200);
        String second = customer.refreshToken();
        assertThat(second).isNotEqualTo(first);
        // within the grace after a rotation the used token yields the same successor (two tabs); after it, reuse
        Await.until("the used refresh token refused once the grace is over", EVENTUALLY,
                () -> Client.visitor().anonymous().cookie("refresh_token", first).post("/api/v1/auth/refresh")
                        .statusCode(),
                s -> s == 401);
        Await.until("the rotated family revoked", EVENTUALLY,
                () -> Client.visitor().anonymous().cookie("refresh_token", second).post("/api/v1/auth/refresh")
                        .statusCode(),
                s -> s == 401);

        // a wrong password is 401 and says nothing about whether the account exists
        Response wrong = Client.visitor().anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", Client.DEMO_CUSTOMER_PHONE, "password", "Wrong-Password-123"))
                .post("/api/v1/auth/login");
        Response unknown = Client.visitor().anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", Phones.next(), "password", "Wrong-Password-123"))
                .post("/api/v1/auth/login");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.<String> path("detail")).isEqualTo(wrong.path("detail"));
    }

    @Test
    @DisplayName("API3 broken object property level authorization: mass assignment and no secret fields")
    void api3PropertyLevelAuthorization() throws IOException {
        String product = catalog.product("Horn relay", 19_900, 10);
        Client customer = Client.registeredCustomer();

        Response patched = customer.json(Map.of("fullName", "Ravi Kumar", "roles", List.of("admin"), "id", "x",
                "phoneNumber", "+919999999999")).patch("/api/v1/me");
        assertThat(patched.statusCode()).isIn(200, 400);
        Response me = customer.request().get("/api/v1/me");
        assertThat(me.<List<String>> path("roles")).containsExactly("customer");
        assertThat(me.<String> path("phoneNumber")).isEqualTo(customer.phone());
        customer.login();
        assertThat(customer.request().get("/api/v1/admin/dashboard").statusCode()).isEqualTo(403);

        // client-sent prices, totals, statuses and owners are never used
        customer.request().delete("/api/v1/cart");
        Response added = customer.json(Map.of("productId", product, "quantity", 2, "unitPrice",
                Map.of("amount", 1, "currency", "INR"), "price", 1)).post("/api/v1/cart/items");
        if (added.statusCode() == 200) {
            assertThat(added.<Integer> path("items[0].unitPrice.amount")).isEqualTo(19_900);
        } else {
            assertThat(added.statusCode()).isEqualTo(400);
            Orders.cartWith(customer, product, 2);
        }
        Response placed = customer.json(Map.of("shippingAddress", Checkout.inlineAddress(), "paymentMethod", "COD",
                "total", Map.of("amount", 1, "currency", "INR"), "status", "DELIVERED", "userId", admin.userId()))
                .header("Idempotency-Key", "mass-" + System.nanoTime()).post("/api/v1/orders");
        if (placed.statusCode() == 202) {
            Response order = Orders.awaitStatus(customer, placed.path("id"), "CONFIRMED");
            assertThat(order.<Integer> path("total.amount")).isEqualTo(2 * 19_900);
            assertThat(order.<String> path("userId")).isEqualTo(customer.userId());
        } else {
            assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(400);
        }

        // no response carries a password, a hash, a code or a secret
        Response tokens = Client.visitor().anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", customer.phone(), "password", customer.password()))
                .post("/api/v1/auth/login");
        List<String> leaks = new ArrayList<>();
        Map<String, Response> answers = new java.util.LinkedHashMap<>();
        answers.put("login", tokens);
        answers.put("me", customer.request().get("/api/v1/me"));
        answers.put("orders", customer.request().get("/api/v1/orders"));
        answers.put("cart", customer.request().get("/api/v1/cart"));
        answers.put("product", Catalog.product(product));
        answers.put("admin users", admin.request().queryParam("q", customer.phone()).get("/api/v1/admin/users"));
        answers.put("admin user", admin.request().get("/api/v1/admin/users/" + customer.userId()));
        answers.put("admin orders", admin.request().get("/api/v1/admin/orders"));
        for (Map.Entry<String, Response> answer : answers.entrySet()) {
            assertThat(answer.getValue().statusCode()).as(answer.getKey()).isEqualTo(200);
            collectSecretKeys(answer.getKey(), JSON.readTree(answer.getValue().asString()), leaks);
        }
        assertThat(leaks).as("secret-looking fields in responses").isEmpty();
        assertThat(tokens.asString()).doesNotContain(customer.password());
    }

    private static void collectSecretKeys(String where, JsonNode node, List<String> leaks) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey().toLowerCase(Locale.ROOT);
                if (key.contains("password") || key.contains("hash") || key.equals("otp") || key.contains("secret")
                        || key.contains("salt") || key.equals("refreshtoken")) {
                    leaks.add(where + ": " + field.getKey());
                }
                collectSecretKeys(where, field.getValue(), leaks);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectSecretKeys(where, n, leaks));
        }
    }

    @Test
    @DisplayName("API4 unrestricted resource consumption: page sizes, rate limits with Retry-After, body size")
    void api4ResourceConsumption() {
        assertThat(Http.gateway().queryParam("size", 1000).get("/api/v1/products").statusCode()).isEqualTo(400);
        assertThat(admin.request().queryParam("size", 1000).get("/api/v1/admin/audit").statusCode())
                .isEqualTo(400);
        assertThat(Http.gateway().queryParam("limit", 10_000).get("/api/v1/analytics/most-bought").statusCode())
                .isEqualTo(400);

        // one address guessing reset codes: the strict bucket of the route runs dry
        Client guesser = Client.visitor();
        List<java.util.concurrent.Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            guesses.add(() -> guesser.anonymous().contentType(ContentType.JSON)
                    .body(Map.of("phoneNumber", Phones.next(), "otp", "123456")).post("/api/v1/auth/password/verify"));
        }
        List<Response> answers = dev.shop.system.support.Parallel.run(32, guesses);
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isLessThan(500));
        Response limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElse(null);
        System.out.println("resource consumption: " + answers.stream().filter(r -> r.statusCode() == 429).count()
                + " of 300 reset-code guesses from one address refused with 429");
        assertThat(limited).as("a 429 among 300 guesses from one address").isNotNull();
        assertThat(limited.header("Retry-After")).matches("\\d+");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        // another address is not affected
        assertThat(Client.visitor().anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", Phones.next(), "otp", "123456")).post("/api/v1/auth/password/verify")
                .statusCode()).isNotEqualTo(429);
    }

    @Test
    @DisplayName("API5 broken function level authorization: a customer on admin functions")
    void api5FunctionLevelAuthorization() {
        Client customer = Client.otpCustomer();
        String product = catalog.product("Fuse box", 9_900, 3);
        Map<String, Response> calls = new java.util.LinkedHashMap<>();
        calls.put("dashboard", customer.request().get("/api/v1/admin/dashboard"));
        calls.put("users", customer.request().get("/api/v1/admin/users"));
        calls.put("audit", customer.request().get("/api/v1/admin/audit"));
        calls.put("create product", customer.json(catalog.productBody("Not mine", 1, 1)).post("/api/v1/products"));
        calls.put("admin create product",
                customer.json(catalog.productBody("Not mine", 1, 1)).post("/api/v1/admin/catalog/products"));
        calls.put("delete product", customer.request().delete("/api/v1/products/" + product));
        calls.put("stock", customer.json(Map.of("delta", 100, "reason", "x")).post("/api/v1/products/" + product
                + "/stock"));
        calls.put("order status", customer.json(Map.of("status", "DELIVERED"))
                .patch("/api/v1/orders/0123456789abcdef01234567/status"));
        calls.put("coupons", customer.json(Map.of("code", "FREE100", "kind", "PERCENT", "value", 100))
                .post("/api/v1/coupons"));
        calls.put("sales", customer.request().get("/api/v1/analytics/sales"));
        calls.put("grant admin", customer.json(Map.of("roles", List.of("customer", "admin")))
                .put("/api/v1/admin/users/" + customer.userId() + "/roles"));
        calls.put("auth admin", customer.request().post("/api/v1/auth/admin/users/" + customer.userId()
                + "/roles/admin"));
        calls.forEach((name, response) -> assertThat(response.statusCode()).as(name + ": " + response.asString())
                .isIn(403, 404));
        calls.forEach((name, response) -> assertThat(response.contentType()).as(name)
                .startsWith("application/problem+json"));
        assertThat(Catalog.stock(product)).isEqualTo(3);
        assertThat(customer.request().get("/api/v1/me").<List<String>> path("roles")).containsExactly("customer");
    }

    @Test
    @DisplayName("API6 unrestricted access to sensitive business flows: OTP attempts, coupon limits, checkout keys")
    void api6SensitiveBusinessFlows() {
        // five wrong codes burn the code: the right one no longer works
        String phone = Phones.next();
        Client visitor = Client.visitor();
        Instant since = Otp.mark();
        assertThat(visitor.anonymous().contentType(ContentType.JSON).body(Map.of("phoneNumber", phone, "channel",
                "sms")).post("/api/v1/auth/otp/request").statusCode()).isEqualTo(202);
        String code = Otp.await(phone, "login", since);
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            Response wrong = visitor.anonymous().contentType(ContentType.JSON)
                    .body(Map.of("phoneNumber", phone, "otp", wrongCode)).post("/api/v1/auth/otp/verify");
            assertThat(wrong.statusCode()).as(wrong.asString()).isBetween(400, 429);
        }
        Response right = visitor.anonymous().contentType(ContentType.JSON).body(Map.of("phoneNumber", phone, "otp",
                code)).post("/api/v1/auth/otp/verify");
        assertThat(right.statusCode()).as("the right code after five wrong ones: " + right.asString())
                .isBetween(400, 429);

        // a coupon for one use per customer is used once
        String product = catalog.product("Seat cover", 50_000, 10);
        String coupon = "ONCE" + Catalog.code(6);
        assertThat(admin.json(Map.of("code", coupon, "kind", "AMOUNT", "value", 5_000, "maxUsesPerCustomer", 1))
                .post("/api/v1/coupons").statusCode()).isEqualTo(201);
        Client customer = Client.otpCustomer();
        Orders.cartWith(customer, product, 1);
        Orders.awaitStatus(customer, Orders.place(customer, Map.of("shippingAddress", Checkout.inlineAddress(),
                "paymentMethod", "COD", "couponCode", coupon)), "CONFIRMED");
        Orders.cartWith(customer, product, 1);
        Response again = customer.json(Map.of("shippingAddress", Checkout.inlineAddress(), "paymentMethod", "COD",
                "couponCode", coupon)).header("Idempotency-Key", "coupon-" + System.nanoTime()).post("/api/v1/orders");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(422);
        assertThat(again.<String> path("type")).endsWith("coupon-customer-limit");

        // one idempotency key, one order: another body under the same key is refused
        String key = "flow-" + System.nanoTime();
        Response first = customer.json(Orders.cod()).header("Idempotency-Key", key).post("/api/v1/orders");
        assertThat(first.statusCode()).isEqualTo(202);
        Response other = customer.json(Map.of("shippingAddress", Checkout.inlineAddress(), "paymentMethod", "COD",
                "note", "different")).header("Idempotency-Key", key).post("/api/v1/orders");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.<String> path("type")).endsWith("idempotency-key-reused");
    }

    @Test
    @DisplayName("API7 server side request forgery: URLs in every field that could take one are never fetched")
    void api7ServerSideRequestForgery() throws IOException {
        try (ServerSocket trap = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + trap.getLocalPort() + "/latest/meta-data/";
            Map<String, Object> product = new java.util.LinkedHashMap<>(catalog.productBody("Trap", 1_000, 1));
            product.put("images", List.of(Map.of("url", url)));
            product.put("imageUrl", url);
            product.put("description", "<img src=\"" + url + "\">");
            Response created = admin.json(product).post("/api/v1/admin/catalog/products");
            assertThat(created.statusCode()).as(created.asString()).isIn(201, 400);
            Client customer = Client.otpCustomer();
            customer.json(Map.of("fullName", "x", "avatarUrl", url, "email", "a@" + "127.0.0.1")).patch("/api/v1/me");
            customer.json(Map.of("returnUrl", url, "callbackUrl", url, "webhookUrl", url))
                    .post("/api/v1/orders/0123456789abcdef01234567/payment");
            Client.visitor().anonymous().get("/api/v1/media/" + java.net.URLEncoder.encode(url, "UTF-8"));
            Client.visitor().anonymous().header("X-Forwarded-Host", "127.0.0.1:" + trap.getLocalPort())
                    .header("Host", "127.0.0.1:" + trap.getLocalPort()).get("/api/v1/products");
            Client.visitor().anonymous().contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/payments/webhooks/" + java.net.URLEncoder.encode(url, "UTF-8"));

            trap.setSoTimeout(3_000);
            try {
                trap.accept().close();
                throw new AssertionError("a service connected to a URL a client supplied: " + url);
            } catch (SocketTimeoutException nobodyCame) {
                // as it must be
            }
        }
    }

    @Test
    @DisplayName("API8 security misconfiguration: CORS, security headers, no /q/* on the public port")
    void api8SecurityMisconfiguration() {
        Response evil = Http.gateway().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").options("/api/v1/orders");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
        Response allowed = Http.gateway().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/orders");
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(allowed.header("Access-Control-Allow-Origin")).isNotEqualTo("*");

        Response page = Http.gateway().get("/api/v1/products");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Request-Id")).isNotBlank();
        assertThat(page.header("Server")).isNull();

        for (String path : List.of("/q/dev-ui", "/q/dev", "/q/metrics", "/q/openapi", "/q/swagger-ui",
                "/q/arc", "/q/info")) {
            Response r = Http.gateway().get(path);
            assertThat(r.statusCode()).as("public " + path).isEqualTo(404);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
        Response trace = Http.gateway().request("TRACE", "/api/v1/products");
        assertThat(trace.statusCode()).isBetween(400, 499);
        assertThat(trace.asString()).doesNotContain("TRACE /api");
        Response notFound = Http.gateway().get("/api/v1/nothing-here");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("API9 improper inventory management: nothing a service serves is proxied unless documented")
    void api9Inventory() throws Exception {
        JsonNode merged = JSON.readTree(Http.at(SystemStack.get().gatewayManagement()).queryParam("format", "json")
                .get("/q/openapi").asString());
        Set<String> documented = new HashSet<>();
        for (HostileInputContract.Operation op : HostileInputContract.operations(merged)) {
            documented.add(op.method() + " " + op.path());
        }
        List<String> leaks = new ArrayList<>();
        int undocumented = 0;
        for (String component : List.of("auth", "catalog", "cart", "order", "admin")) {
            JsonNode own = JSON.readTree(Http.at(SystemStack.get().management(component))
                    .queryParam("format", "json").get("/q/openapi").asString());
            for (HostileInputContract.Operation op : HostileInputContract.operations(own)) {
                if (documented.contains(op.method() + " " + op.path())) {
                    continue;
                }
                undocumented++;
                String path = op.path().replaceAll("\\{[^}]+}", "0123456789abcdef01234567");
                Response r = admin.request().contentType(ContentType.JSON).body("{}")
                        .request(op.method().toUpperCase(Locale.ROOT), path);
                if (r.statusCode() != 404 && r.statusCode() != 403) {
                    leaks.add(op.method().toUpperCase(Locale.ROOT) + " " + op.path() + " -> " + r.statusCode());
                }
            }
        }
        System.out.println("inventory: " + documented.size() + " operations documented at the gateway, "
                + undocumented + " service operations not documented there, all refused by the gateway");
        assertThat(leaks).as("undocumented service operations the gateway proxies").isEmpty();
        for (String path : List.of("/internal/v1/cart", "/api/v1/internal/orders", "/api/v2/products")) {
            assertThat(admin.request().get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("API10 unsafe consumption of APIs: payment webhooks unsigned, tampered, stale, replayed")
    void api10UnsafeConsumption() throws Exception {
        String product = catalog.product("Tyre inflator", 299_900, 5);
        Client customer = Client.otpCustomer();
        Orders.cartWith(customer, product, 1);
        String orderId = Orders.place(customer, Map.of("shippingAddress", Checkout.inlineAddress(), "paymentMethod",
                "CARD"));
        Orders.awaitStatus(customer, orderId, "AWAITING_PAYMENT");
        assertThat(customer.request().post("/api/v1/orders/" + orderId + "/payment").statusCode()).isEqualTo(200);
        FakeCardPayment.Session session = Await.until("session listed", EVENTUALLY,
                () -> FakeCardPayment.latestSession(SystemStack.get().fakeCardSessions(), orderId), s -> s.isPresent())
                .orElseThrow();
        String secret = FakeCardPayment.readSecret(SystemStack.get().fakeCardSecret());
        FakeCardPayment.Webhook good = FakeCardPayment.webhook(secret, session, FakeCardPayment.newPaymentId(), null,
                Instant.now());

        Response unsigned = Client.visitor().anonymous().contentType(ContentType.JSON).body(good.body())
                .post("/api/v1/payments/webhooks/fake-card");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        String tamperedBody = good.body().replace("\"amount\":" + session.amount(), "\"amount\":1");
        assertThat(webhook(tamperedBody, good.id(), good.timestamp(), good.signature()).statusCode()).isEqualTo(401);
        long stale = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        assertThat(webhook(good.body(), good.id(), stale, FakeCardPayment.sign(secret, good.id(), stale, good.body()))
                .statusCode()).isEqualTo(401);
        assertThat(webhook(good.body(), "evt_other", good.timestamp(), good.signature()).statusCode())
                .isEqualTo(401);
        assertThat(Client.visitor().anonymous().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/payments/webhooks/no-such-provider").statusCode()).isEqualTo(404);
        assertThat(customer.request().get("/api/v1/orders/" + orderId).<String> path("status"))
                .isEqualTo("AWAITING_PAYMENT");

        // a forged return proof does not pay the order either
        Response forgedReturn = customer.json(Map.of("paymentId", "fcp_0000", "signature", "00".repeat(32)))
                .post("/api/v1/orders/" + orderId + "/payment/confirm");
        assertThat(forgedReturn.statusCode()).isEqualTo(422);
        assertThat(customer.request().get("/api/v1/orders/" + orderId).<String> path("status"))
                .isEqualTo("AWAITING_PAYMENT");
    }

    private static Response webhook(String body, String id, long timestamp, String signature) {
        return Client.visitor().anonymous().contentType(ContentType.JSON).header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature)
                .body(body).post("/api/v1/payments/webhooks/fake-card");
    }
}
