package dev.shop.order.api;

import static dev.shop.order.support.Orders.codTo;
import static dev.shop.order.support.Orders.inlineAddress;
import static dev.shop.order.support.Orders.newKey;
import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.place;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.order.persistence.OrderRepository;
import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.Eventually;
import dev.shop.order.support.FakeServices;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Placing an order: server-side prices, addresses, the refusals, resilience of the calls to cart, catalog and auth,
 * and the Idempotency-Key rules. Other services are the test resources in {@code support}.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CheckoutResourceTest {

    @Inject
    OrderRepository orders;

    CatalogRole catalog;

    @BeforeEach
    void open() {
        catalog = new CatalogRole();
    }

    @AfterEach
    void close() {
        catalog.close();
        FakeWorld.recover(FakeServices.CART);
        FakeWorld.recover(FakeServices.CATALOG);
        FakeWorld.recover(FakeServices.AUTH);
    }

    @Test
    void anOrderIsPricedByTheCatalogueStoredPendingAndAnnouncedInOneWrite() {
        String user = newUser();
        FakeWorld.Product pads = FakeWorld.product("Brake pads", 129_900, 10);
        FakeWorld.Product oil = FakeWorld.product("Engine oil", 45_000, 10);
        // The cart shows an old price for the oil; the catalogue's price wins and the change is reported.
        FakeWorld.cart(user, FakeWorld.line(pads, 2), new FakeWorld.CartLine(oil.id(), 1, 40_000, true));
        FakeWorld.Address address = FakeWorld.address(user);

        Response response = place(user, newKey(), codTo(address.id()));

        response.then().statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("number", matchesPattern("SO-20[0-9]{2}-[0-9A-HJKMNP-TV-Z]{6}"))
                .body("total.amount", equalTo(2 * 129_900 + 45_000))
                .body("total.currency", equalTo("INR"))
                .body("priceChanges", hasSize(1))
                .body("priceChanges[0].productId", equalTo(oil.id()))
                .body("priceChanges[0].cartPrice.amount", equalTo(40_000))
                .body("priceChanges[0].price.amount", equalTo(45_000));
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/v1/orders/" + id);

        read(user, id).then().statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("userId", equalTo(user))
                .body("lines", hasSize(2))
                .body("lines[0].productId", equalTo(pads.id()))
                .body("lines[0].sku", equalTo(pads.sku()))
                .body("lines[0].name", equalTo("Brake pads"))
                .body("lines[0].image", equalTo(pads.image()))
                .body("lines[0].unitPrice.amount", equalTo(129_900))
                .body("lines[0].quantity", equalTo(2))
                .body("lines[0].discount.amount", equalTo(0))
                .body("lines[0].lineTotal.amount", equalTo(259_800))
                .body("subtotal.amount", equalTo(304_800))
                .body("discountTotal.amount", equalTo(0))
                .body("shippingTotal.amount", equalTo(0))
                .body("total.amount", equalTo(304_800))
                .body("shippingAddress.fullName", equalTo("Asha Rao"))
                .body("shippingAddress.postalCode", equalTo("560001"))
                .body("payment.method", equalTo("COD"))
                .body("payment.status", equalTo("PENDING"))
                .body("statusHistory", hasSize(1))
                .body("statusHistory[0].status", equalTo("PENDING"))
                .body("version", equalTo(0));

        OrderPlaced placed = EventJson.dataAs(catalog.await(id, OrderPlaced.TYPE), OrderPlaced.class);
        assertThat(placed.number()).isEqualTo(response.<String> path("number"));
        assertThat(placed.userId()).isEqualTo(user);
        assertThat(placed.paymentMethod()).isEqualTo("COD");
        assertThat(placed.total().amount()).isEqualTo(304_800);
        assertThat(placed.lines()).extracting(l -> l.productId() + "x" + l.quantity() + "@" + l.unitPrice().amount())
                .containsExactly(pads.id() + "x2@129900", oil.id() + "x1@45000");
        // The customer's own token went to every service checkout called.
        assertThat(FakeWorld.authorizations()).allSatisfy(h -> assertThat(h).startsWith("Bearer "));
        // Published and acknowledged: nothing is left in the order's outbox.
        Eventually.await(() -> orders.findById(new ObjectId(id)).await().indefinitely(), d -> d.outbox.isEmpty(),
                "the outbox of " + id + " emptied by the relay");
    }

    @Test
    void anInlineAddressIsValidatedAndNormalised() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Air filter", 19_900, 5), 1));
        Map<String, Object> body = new HashMap<>(Map.of("paymentMethod", "CARD", "shippingAddress", inlineAddress()));

        String id = place(user, newKey(), body).then().statusCode(202).extract().path("id");

        read(user, id).then().statusCode(200)
                .body("shippingAddress.phoneNumber", equalTo("+919876543210"))
                .body("shippingAddress.country", equalTo("IN"))
                .body("payment.method", equalTo("CARD"))
                .body("payment.provider", nullValue());

        Map<String, Object> bad = new HashMap<>(inlineAddress());
        bad.put("postalCode", "12");
        bad.put("phoneNumber", "12");
        bad.remove("city");
        place(user, newKey(), Map.of("paymentMethod", "COD", "shippingAddress", bad)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("shippingAddress.city", "shippingAddress.phoneNumber",
                        "shippingAddress.postalCode")));
    }

    @Test
    void theAddressMustBeOneOfTheCallersOwn() {
        String user = newUser();
        String stranger = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Spark plug", 9_900, 5), 4));
        FakeWorld.Address theirs = FakeWorld.address(stranger);

        place(user, newKey(), codTo(theirs.id())).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(theirs.id()));
        place(user, newKey(), codTo("no-such-address")).then().statusCode(404);

        Map<String, Object> both = new HashMap<>(codTo(FakeWorld.address(user).id()));
        both.put("shippingAddress", inlineAddress());
        place(user, newKey(), both).then().statusCode(400).body("violations[0].field", equalTo("addressId"));
        place(user, newKey(), Map.of("paymentMethod", "COD")).then().statusCode(400)
                .body("violations[0].field", equalTo("addressId"));
        assertThat(countOrders(user)).isZero();
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Wiper", 4_900, 5), 1));
        String address = FakeWorld.address(user).id();

        given().auth().oauth2(TestTokens.customer(user)).contentType(ContentType.JSON).body(codTo(address))
                .when().post("/api/v1/orders")
                .then().statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));
        place(user, "short", codTo(address)).then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
        place(user, "bad key with spaces!", codTo(address)).then().statusCode(400);
        place(user, newKey(), Map.of("addressId", address, "paymentMethod", "CHEQUE")).then().statusCode(400)
                .body("violations[0].field", equalTo("paymentMethod"));
        place(user, newKey(), Map.of("addressId", address, "paymentMethod", "COD", "note", "x".repeat(501)))
                .then().statusCode(400).body("violations[0].field", equalTo("note"));
        given().auth().oauth2(TestTokens.customer(user)).header("Idempotency-Key", newKey())
                .contentType(ContentType.JSON).body("{\"paymentMethod\": {\"$ne\": null}}")
                .when().post("/api/v1/orders")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Idempotency-Key", newKey()).contentType(ContentType.JSON).body(codTo(address))
                .when().post("/api/v1/orders")
                .then().statusCode(401);
        assertThat(countOrders(user)).isZero();
    }

    @Test
    void anEmptyCartIsRefused() {
        String user = newUser();
        FakeWorld.cart(user);

        place(user, newKey(), codTo(FakeWorld.address(user).id())).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/cart-empty"));
    }

    @Test
    void linesTheCatalogueCannotSellAreNamedAndNothingIsOrdered() {
        String user = newUser();
        FakeWorld.Product fine = FakeWorld.product("Horn", 29_900, 5);
        FakeWorld.Product scarce = FakeWorld.product("Headlamp", 89_900, 2);
        FakeWorld.Product gone = FakeWorld.product("Mirror", 39_900, 0);
        FakeWorld.cart(user, FakeWorld.line(fine, 1), FakeWorld.line(scarce, 3), FakeWorld.line(gone, 1));

        Response refused = place(user, newKey(), codTo(FakeWorld.address(user).id()));

        refused.then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/items-unavailable"))
                .body("violations", hasSize(2))
                .body("violations.field", hasItem("items[" + scarce.id() + "]"))
                .body("violations.field", hasItem("items[" + gone.id() + "]"))
                .body("detail", containsString("Headlamp: only 2 left"))
                .body("detail", containsString("Mirror: out of stock"));
        assertThat(countOrders(user)).isZero();
    }

    @Test
    void anUnknownCouponIsRefusedRatherThanIgnored() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Seat cover", 99_900, 5), 1));
        Map<String, Object> body = new HashMap<>(codTo(FakeWorld.address(user).id()));
        body.put("couponCode", "NOSUCH" + user.substring(16).toUpperCase());

        place(user, newKey(), body).then().statusCode(422)
                .body("type", equalTo("/problems/coupon-unknown"))
                .body("detail", containsString("There is no coupon NOSUCH"));
        assertThat(countOrders(user)).isZero();
    }

    @Test
    void aDependencyThatIsDownIsA503AndNothingIsOrdered() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Battery", 549_900, 5), 1));
        String address = FakeWorld.address(user).id();
        String key = newKey();

        for (String service : List.of(FakeServices.CART, FakeServices.CATALOG, FakeServices.AUTH)) {
            FakeWorld.fail(service, 503);
            int before = FakeWorld.calls(service);
            place(user, key, codTo(address)).then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("status", equalTo(503))
                    .body("detail", containsString(service + "-service"));
            // Reads are retried before giving up.
            assertThat(FakeWorld.calls(service) - before).isGreaterThan(1);
            FakeWorld.recover(service);
        }
        assertThat(countOrders(user)).isZero();

        // The refused attempts claimed nothing: the same key places the order once everything is back.
        place(user, key, codTo(address)).then().statusCode(202);
        assertThat(countOrders(user)).isEqualTo(1);
    }

    @Test
    void aServiceThatKeepsFailingIsNoLongerCalledUntilItsCircuitCloses() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Tank pad", 7_900, 5), 1));
        String address = FakeWorld.address(user).id();
        FakeWorld.fail(FakeServices.CART, 500);
        try {
            // Each checkout tries three times; after enough failures the circuit opens.
            Eventually.await(() -> {
                int before = FakeWorld.calls(FakeServices.CART);
                Response refused = place(user, newKey(), codTo(address));
                return refused.statusCode() == 503 && FakeWorld.calls(FakeServices.CART) == before
                        ? refused
                        : null;
            }, r -> true, "a 503 answered without calling cart-service");
            Response fast = place(user, newKey(), codTo(address));
            fast.then().statusCode(503).body("detail", containsString("cart-service is unavailable"));
            assertThat(fast.header("Retry-After")).isNotNull();
        } finally {
            FakeWorld.recover(FakeServices.CART);
        }
        // Once the service is back, the circuit lets a trial call through and closes again.
        Eventually.await(() -> place(user, newKey(), codTo(address)).statusCode(), status -> status == 202,
                "checkout working again");
    }

    @Test
    void theSameKeyAndBodyAnswerTheOriginalAnswerAndAnotherBodyIsRefused() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Chain kit", 159_900, 5), 1));
        String address = FakeWorld.address(user).id();
        String key = newKey();

        Response first = place(user, key, codTo(address));
        first.then().statusCode(202);
        // Even after the cart changed (e.g. emptied once the order was confirmed), the key answers as before.
        FakeWorld.cart(user);
        Response again = place(user, key, codTo(address));

        again.then().statusCode(202).header(OrderResource.REPLAYED, "true");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));

        Map<String, Object> other = new HashMap<>(codTo(address));
        other.put("note", "leave at the gate");
        place(user, key, other).then().statusCode(422)
                .body("type", equalTo("/problems/idempotency-key-reused"));
        assertThat(countOrders(user)).isEqualTo(1);

        // Keys belong to their customer: another customer may use the same one.
        String neighbour = newUser();
        FakeWorld.cart(neighbour, FakeWorld.line(FakeWorld.product("Helmet", 249_900, 5), 1));
        String theirs = place(neighbour, key, codTo(FakeWorld.address(neighbour).id())).then().statusCode(202)
                .extract().path("id");
        assertThat(theirs).isNotEqualTo(first.path("id"));
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyPlaceExactlyOneOrder() throws Exception {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Clutch plate", 74_900, 50), 1));
        String address = FakeWorld.address(user).id();
        String key = newKey();
        String token = TestTokens.customer(user);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Response> answers = new ArrayList<>();
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> given().auth().oauth2(token).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(codTo(address)).when().post("/api/v1/orders"));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).extracting(Response::statusCode).containsOnly(202);
        Set<String> ids = answers.stream().map(r -> r.<String> path("id")).collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        assertThat(answers.stream().map(Response::asString).collect(Collectors.toSet())).hasSize(1);
        assertThat(countOrders(user)).isEqualTo(1);
        String id = ids.iterator().next();
        List<EventEnvelope> placed = catalog.all(id, Duration.ofSeconds(2));
        assertThat(placed).extracting(EventEnvelope::type).containsExactly(OrderPlaced.TYPE);
    }

    private static Response read(String user, String id) {
        return Orders.get(user, id);
    }

    private long countOrders(String user) {
        return orders.mongoCollection().countDocuments(Filters.eq("userId", user)).await().indefinitely();
    }
}
